"""The service's settings from the environment, named and checked as the C# services check theirs:
``{VARIABLE} must be {rule}: {VARIABLE}='{value}' ({fix})``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class SettingsError(ValueError):
    """A setting is missing or wrong; the message states the rule, the value and the fix. ``variable`` names it."""

    def __init__(self, variable: str, rule: str, value: str | None, fix: str) -> None:
        shown = "<unset>" if value is None else f"'{value}'"
        super().__init__(f"{variable} must be {rule}: {variable}={shown} ({fix})")
        self.variable = variable


@dataclass(frozen=True)
class Settings:
    """What the analytics service reads and how it judges what it reads. Immutable."""

    exchanges: tuple[str, ...]
    symbols: tuple[str, ...] = ()
    shared_memory_path: str = "/dev/shm/alphapulse"
    api_port: int = 8090
    api_reuse_port: bool = False
    metrics_port: int | None = None
    log_level: str = "INFO"
    taker_fees_bps: Mapping[str, float] = field(default_factory=dict)
    default_taker_fee_bps: float = 10.0
    min_profit_bps: float = 0.0
    min_size: float = 0.0
    vwap_window_seconds: float = 60.0
    poll_interval_seconds: float = 0.01

    @staticmethod
    def from_env(environ: Mapping[str, str]) -> "Settings":
        """Reads SHARED_MEMORY_PATH, EXCHANGES, SYMBOLS, API_PORT, API_REUSE_PORT, METRICS_PORT, LOG_LEVEL, TAKER_FEES_BPS,
        DEFAULT_TAKER_FEE_BPS, ARB_MIN_PROFIT_BPS, ARB_MIN_SIZE, VWAP_WINDOW_SECONDS; raises SettingsError on the first bad one."""
        raw = environ.get("EXCHANGES")
        exchanges = _names(raw)
        if not exchanges or any(not _NAME.match(e) for e in exchanges):
            raise SettingsError("EXCHANGES", "a comma-separated list of exchange names (lower case)", raw, "set e.g. EXCHANGES=binance,coinbase,kraken")
        return Settings(
            exchanges=exchanges,
            symbols=_names(environ.get("SYMBOLS"), lower=False),
            shared_memory_path=(environ.get("SHARED_MEMORY_PATH") or "").strip() or "/dev/shm/alphapulse",
            api_port=_integer(environ, "API_PORT", 8090, 0, 65535),
            api_reuse_port=_flag(environ, "API_REUSE_PORT"),
            metrics_port=_integer(environ, "METRICS_PORT", 0, 0, 65535) or None,
            log_level=_log_level(environ),
            taker_fees_bps=_fees(environ, exchanges),
            default_taker_fee_bps=_number(environ, "DEFAULT_TAKER_FEE_BPS", 10.0),
            min_profit_bps=_number(environ, "ARB_MIN_PROFIT_BPS", 0.0),
            min_size=_number(environ, "ARB_MIN_SIZE", 0.0),
            vwap_window_seconds=_number(environ, "VWAP_WINDOW_SECONDS", 60.0, minimum_exclusive=True),
        )


def _names(raw: str | None, lower: bool = True) -> tuple[str, ...]:
    parts = [p.strip() for p in (raw or "").split(",") if p.strip()]
    return tuple(p.lower() if lower else p for p in parts)


def _integer(environ: Mapping[str, str], name: str, fallback: int, low: int, high: int) -> int:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return fallback
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise SettingsError(name, f"an integer in [{low}, {high}]", raw, f"unset it for the default {fallback}")
    return value


def _flag(environ: Mapping[str, str], name: str) -> bool:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return False
    if raw.strip().lower() not in ("true", "false"):
        raise SettingsError(name, "true or false", raw, "unset it for the default false")
    return raw.strip().lower() == "true"


def _number(environ: Mapping[str, str], name: str, fallback: float, minimum_exclusive: bool = False) -> float:
    raw = environ.get(name)
    if raw is None or not raw.strip():
        return fallback
    try:
        value = float(raw.strip())
    except ValueError:
        value = -1.0
    if value < 0 or (minimum_exclusive and value == 0) or value != value:
        rule = "a number above 0" if minimum_exclusive else "a number at least 0"
        raise SettingsError(name, rule, raw, f"unset it for the default {fallback:g}")
    return value


def _log_level(environ: Mapping[str, str]) -> str:
    raw = environ.get("LOG_LEVEL")
    if raw is None or not raw.strip():
        return "INFO"
    level = {"WARN": "WARNING", "INFORMATION": "INFO", "TRACE": "DEBUG"}.get(raw.strip().upper(), raw.strip().upper())
    if level not in LOG_LEVELS:
        raise SettingsError("LOG_LEVEL", f"one of {', '.join(LOG_LEVELS)}", raw, "unset it for the default INFO")
    return level


def _fees(environ: Mapping[str, str], exchanges: tuple[str, ...]) -> dict[str, float]:
    """TAKER_FEES_BPS=binance=10,kraken=26: a taker fee in basis points per configured exchange."""
    raw = environ.get("TAKER_FEES_BPS")
    fees: dict[str, float] = {}
    for part in _names(raw):
        exchange, _, value = part.partition("=")
        try:
            fee = float(value)
        except ValueError:
            fee = -1.0
        if exchange not in exchanges or fee < 0:
            raise SettingsError("TAKER_FEES_BPS", "exchange=basis points pairs of configured exchanges, comma-separated", raw,
                                f"e.g. TAKER_FEES_BPS={exchanges[0]}=10; configured exchanges: {', '.join(exchanges)}")
        fees[exchange] = fee
    return fees
