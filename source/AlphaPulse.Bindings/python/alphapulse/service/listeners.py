"""The sockets the service listens on. API_PORT, with SO_REUSEPORT when API_REUSE_PORT=true, so that during a
start-first upgrade the new instance binds the same port while the old one still serves (socket(7): the kernel
spreads new connections over every listener of the port, as for the WebSocket server's WEBSOCKET_REUSE_PORT); and
METRICS_PORT when set, a port of this instance alone, where a deploy asks *it* for /health, /ready and /metrics."""

from __future__ import annotations

import socket

from .settings import Settings


def listening_sockets(settings: Settings, host: str = "0.0.0.0") -> list[socket.socket]:
    """Bound sockets for uvicorn (which listens on them); OSError names the port that could not be bound."""
    sockets = [_bind(host, settings.api_port, "API_PORT", settings.api_reuse_port)]
    if settings.metrics_port:
        sockets.append(_bind(host, settings.metrics_port, "METRICS_PORT", reuse_port=False))
    return sockets


def _bind(host: str, port: int, variable: str, reuse_port: bool) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        hint = "" if reuse_port or variable != "API_PORT" else "; with API_REUSE_PORT=true two instances may share it"
        raise OSError(error.errno, f"{variable}={port} cannot be bound on {host}: {error.strerror} (stop what listens there, or choose another port{hint})") from error
    return listener
