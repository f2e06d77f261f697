"""The analytics service: FastAPI + uvicorn + prometheus_client over the bindings (``python3 -m alphapulse.service``)."""

from .app import create_app
from .engine import AnalyticsEngine
from .settings import Settings, SettingsError

__all__ = ["AnalyticsEngine", "Settings", "SettingsError", "create_app"]
