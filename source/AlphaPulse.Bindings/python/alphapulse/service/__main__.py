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

    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    print(f"analytics service on http://0.0.0.0:{settings.api_port}/ (docs at /docs), exchanges {', '.join(settings.exchanges)} from {settings.shared_memory_path}", flush=True)
    uvicorn.run(create_app(AnalyticsEngine(settings)), host="0.0.0.0", port=settings.api_port, log_level=settings.log_level.lower())
    return 0


sys.exit(main())
