"""The service's listeners for a start-first upgrade (deploy/README.md, the local environment): two real service
processes share API_PORT with API_REUSE_PORT=true, each answering /health on its own METRICS_PORT; without it the
second is refused, naming the port and the fix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from alphapulse.service import Settings, SettingsError
from alphapulse.service.listeners import listening_sockets

from conftest import PACKAGE


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(ring_dir, api_port: int, metrics_port: int | None, reuse: bool) -> subprocess.Popen:
    environ = {**os.environ, "PYTHONPATH": str(PACKAGE), "ALPHAPULSE_PURE": "1", "EXCHANGES": "alpha", "SHARED_MEMORY_PATH": str(ring_dir),
               "API_PORT": str(api_port), "API_REUSE_PORT": "true" if reuse else "false", "LOG_LEVEL": "WARNING"}
    if metrics_port:
        environ["METRICS_PORT"] = str(metrics_port)
    return subprocess.Popen([sys.executable, "-m", "alphapulse.service"], env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _healthy(port: int, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            time.sleep(0.1)
    return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=20)


def test_two_instances_should_share_the_api_port_each_answering_its_own_metrics_port(ring_dir):
    api, first_metrics, second_metrics = _free_port(), _free_port(), _free_port()
    first = _start(ring_dir, api, first_metrics, reuse=True)
    second = None
    try:
        assert _healthy(first_metrics), first.stderr.read() if first.poll() is not None else "first never healthy"
        second = _start(ring_dir, api, second_metrics, reuse=True)
        assert _healthy(second_metrics), second.stderr.read() if second.poll() is not None else "second never healthy"
        assert first.poll() is None and second.poll() is None
        assert httpx.get(f"http://127.0.0.1:{api}/health", timeout=2).json() == {"status": "alive"}
        # The old instance stops (SIGTERM, as Deploy stops it); the port keeps answering from the new one.
        _stop(first)
        assert first.returncode == 0
        assert httpx.get(f"http://127.0.0.1:{api}/health", timeout=2).status_code == 200
    finally:
        _stop(first)
        if second is not None:
            _stop(second)


def test_a_second_instance_without_reuse_port_should_be_refused_naming_the_port_and_the_fix(ring_dir):
    api = _free_port()
    first = _start(ring_dir, api, None, reuse=False)
    try:
        assert _healthy(api)
        second = _start(ring_dir, api, None, reuse=False)
        _, stderr = second.communicate(timeout=20)
        assert second.returncode == 1
        assert f"API_PORT={api} cannot be bound" in stderr and "API_REUSE_PORT=true" in stderr
    finally:
        _stop(first)


def test_listeners_should_be_the_api_port_and_the_metrics_port_when_set():
    settings = Settings.from_env({"EXCHANGES": "alpha", "API_PORT": "0", "METRICS_PORT": str(_free_port()), "API_REUSE_PORT": "true"})
    sockets = listening_sockets(settings, host="127.0.0.1")
    try:
        assert len(sockets) == 2
        assert sockets[0].getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
        assert sockets[1].getsockname()[1] == settings.metrics_port
    finally:
        for listener in sockets:
            listener.close()
    alone = listening_sockets(Settings.from_env({"EXCHANGES": "alpha", "API_PORT": "0"}), host="127.0.0.1")
    assert len(alone) == 1
    alone[0].close()


def test_api_reuse_port_should_be_true_or_false():
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"EXCHANGES": "alpha", "API_REUSE_PORT": "yes"})
    assert str(error.value) == "API_REUSE_PORT must be true or false: API_REUSE_PORT='yes' (unset it for the default false)"
