"""``python3 -m alphapulse.service``: the analytics service, configured from the environment (settings.py)."""

from __future__ import annotations

import logging
import os
import sys

from .settings import Settings, SettingsError

# The exit code the C# services use for a bad setting (ServiceRunner.SettingsExitCode).
SETTINGS_EXIT_CODE = 2


def main() -> int:
    try:
        settings = Settings.from_env(os.environ)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return SETTINGS_EXIT_CODE
    import uvicorn

    from .app import create_app
    from .engine import AnalyticsEngine
    from .listeners import listening_sockets

    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        sockets = listening_sockets(settings)
    except OSError as error:
        print(error, file=sys.stderr)
        return 1
    also = f", health and metrics also on :{settings.metrics_port}" if settings.metrics_port else ""
    print(f"analytics service on http://0.0.0.0:{settings.api_port}/ (docs at /docs{also}), exchanges {', '.join(settings.exchanges)} from {settings.shared_memory_path}", flush=True)
    config = uvicorn.Config(create_app(AnalyticsEngine(settings)), log_level=settings.log_level.lower())
    uvicorn.Server(config).run(sockets=sockets)
    return 0


sys.exit(main())
