"""Fixtures for the bindings' tests: the C# test writer as a real child process, ring folders in /dev/shm, both backends.

Run by ``./build.sh Test`` (after Compile built libalphapulse.so and the writer) with /usr/bin/python3 -m pytest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("ALPHAPULSE_ROOT") or Path(__file__).resolve().parents[2])
CONFIGURATION = os.environ.get("ALPHAPULSE_CONFIGURATION", "Debug")
PACKAGE = ROOT / "source" / "AlphaPulse.Bindings" / "python"
WRITER = ROOT / "tests" / "AlphaPulse.Bindings.TestWriter" / "bin" / CONFIGURATION / "net10.0" / "AlphaPulse.Bindings.TestWriter.dll"

sys.path.insert(0, str(PACKAGE))

BACKENDS = ["native", "pure"]


def pytest_sessionstart(session) -> None:
    if not WRITER.is_file():
        subprocess.run(["dotnet", "build", str(WRITER.parents[3]), "-c", CONFIGURATION, "--nologo", "-v", "quiet"], check=True)


class Writer:
    """The C# writer child (tests/AlphaPulse.Bindings.TestWriter): one line per event on stdout, waits on stdin."""

    def __init__(self, mode: str, ring: Path, *args: object) -> None:
        self.process = subprocess.Popen(["dotnet", str(WRITER), mode, str(ring), *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def expect(self, prefix: str) -> str:
        line = self.process.stdout.readline()
        assert line.startswith(prefix), f"the writer says '{prefix}…' next, but said {line!r}"
        return line[len(prefix):].strip()

    def go(self) -> None:
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def wait(self) -> None:
        assert self.process.wait(timeout=60) == 0, "the writer exits cleanly"

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def ring_dir():
    """A fresh ring folder under /dev/shm (the prefix .ci/run clears after killed runs)."""
    path = Path("/dev/shm") / f"alphapulse-test-bindings-{uuid.uuid4().hex[:12]}"
    path.mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def writer():
    started: list[Writer] = []

    def start(mode: str, ring: Path, *args: object) -> Writer:
        started.append(Writer(mode, ring, *args))
        return started[-1]

    yield start
    for w in started:
        w.kill()


@pytest.fixture(scope="session")
def edge():
    """The edge scenario written once: (ring folder, exchange, what the writer says a reader must deliver)."""
    path = Path("/dev/shm") / f"alphapulse-test-bindings-{uuid.uuid4().hex[:12]}"
    path.mkdir()
    w = Writer("edge", path / "edge-a.ring")
    expected = json.loads(w.expect("expected "))
    w.wait()
    yield path, "edge", expected
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param
