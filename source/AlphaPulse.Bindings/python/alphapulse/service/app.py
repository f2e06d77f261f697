"""The read API: books, analytics and arbitrage over HTTP, with /health, /ready and /metrics like every AlphaPulse
service. A background task polls the rings on the event loop's thread, the thread every handler runs on, so the
engine stays single-threaded."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import FastAPI, HTTPException, Path, Query, Response
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from .engine import AnalyticsEngine

log = logging.getLogger("alphapulse.service")


class ServiceMetrics:
    """The service's Prometheus metrics, in a registry of its own (no global state)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        labels = ["exchange", "symbol"]
        self.events = Counter("alphapulse_analytics_events", "Events read from the rings", ["exchange"], registry=self.registry)
        self.mid = Gauge("alphapulse_analytics_mid", "Mid price of the merged book", labels, registry=self.registry)
        self.spread = Gauge("alphapulse_analytics_spread", "Best ask minus best bid", labels, registry=self.registry)
        self.vwap = Gauge("alphapulse_analytics_vwap", "VWAP over the window", labels, registry=self.registry)
        self.imbalance = Gauge("alphapulse_analytics_book_imbalance", "Top-of-book size imbalance in [-1, 1]", labels, registry=self.registry)
        self.opportunities = Gauge("alphapulse_analytics_arbitrage_open", "Arbitrage opportunities open now", registry=self.registry)
        self.opened = Counter("alphapulse_analytics_arbitrage_opened", "Arbitrage opportunities opened", registry=self.registry)
        self.exchange_ready = Gauge("alphapulse_analytics_exchange_ready", "1 once the exchange has a synced book (/ready needs every one)", ["exchange"], registry=self.registry)
        self._counted: dict[str, int] = {}
        self._opened = 0

    def update(self, engine: AnalyticsEngine) -> None:
        for exchange, ready in engine.exchanges_ready().items():
            self.exchange_ready.labels(exchange).set(1 if ready else 0)
        for exchange, events in engine.events.items():
            self.events.labels(exchange).inc(events - self._counted.get(exchange, 0))
            self._counted[exchange] = events
        for symbol in engine.symbols():
            for exchange, figures in engine.analytics(symbol).items():
                for gauge, key in ((self.mid, "mid"), (self.spread, "spread"), (self.vwap, "vwap"), (self.imbalance, "imbalance")):
                    if figures[key] is not None:
                        gauge.labels(exchange, symbol).set(float(figures[key]))
        self.opportunities.set(len(engine.opportunities()))
        self.opened.inc(engine.opportunities_opened - self._opened)
        self._opened = engine.opportunities_opened


def create_app(engine: AnalyticsEngine, poll: bool = True) -> FastAPI:
    """The FastAPI application over ``engine``; with ``poll`` a background task reads the rings continuously."""
    metrics = ServiceMetrics()
    interval = engine.settings.poll_interval_seconds

    # Startup and shutdown handlers rather than a lifespan function: Debian's FastAPI (0.92) has no lifespan parameter.
    app = FastAPI(title="AlphaPulse analytics", description="Books, analytics and cross-exchange arbitrage from the shared-memory rings.")
    tasks: list[asyncio.Task] = []

    @app.on_event("startup")
    async def start_polling() -> None:
        if poll:
            tasks.append(asyncio.create_task(_poll_forever(engine, interval)))

    @app.on_event("shutdown")
    async def stop_polling() -> None:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        engine.close()

    @app.get("/health", summary="Alive")
    async def health() -> dict:
        return {"status": "alive"}

    @app.get("/ready", summary="Ready once every configured exchange has a synced book")
    async def ready():
        exchanges = engine.exchanges_ready()
        status = 200 if all(exchanges.values()) else 503
        return JSONResponse({"ready": status == 200, "exchanges": exchanges}, status_code=status)

    @app.get("/metrics", summary="Prometheus metrics")
    async def prometheus() -> Response:
        metrics.update(engine)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/books/{exchange}/{symbol}", summary="A merged book's top levels (exact fixed-point integers and their scales)")
    async def book(exchange: str = Path(description="e.g. binance"), symbol: str = Path(description="e.g. BTCUSDT"),
                   depth: int = Query(10, ge=1, le=1000, description="levels per side")) -> dict:
        if exchange not in engine.settings.exchanges:
            raise HTTPException(404, f"an exchange is one of EXCHANGES: exchange='{exchange}', configured=[{', '.join(engine.settings.exchanges)}] (ask for a configured exchange)")
        found = engine.book(exchange, symbol, depth)
        if found is None:
            raise HTTPException(404, f"a symbol is one the exchange's rings declare: exchange='{exchange}', symbol='{symbol}', known=[{', '.join(sorted(engine.symbols()))}] (use a known symbol)")
        return {**found.to_dict(), "mid": found.mid, "spread": found.spread}

    @app.get("/analytics/{symbol}", summary="Mid, spread, microprice, imbalance and VWAP per exchange")
    async def analytics(symbol: str) -> dict:
        figures = engine.analytics(symbol)
        if not figures:
            raise HTTPException(404, f"a symbol is one some exchange's rings declare: symbol='{symbol}', known=[{', '.join(sorted(engine.symbols()))}] (use a known symbol)")
        return {"symbol": symbol, "exchanges": figures}

    @app.get("/arbitrage", summary="Open opportunities after fees, and recently closed ones with their lifetimes")
    async def arbitrage() -> dict:
        return {"open": engine.opportunities(), "closed": list(engine.closed)}

    return app


async def _poll_forever(engine: AnalyticsEngine, interval: float) -> None:
    while True:
        try:
            engine.poll()
        except Exception:  # A bad poll is logged, never the end of the service.
            log.exception("poll failed")
        await asyncio.sleep(interval)
