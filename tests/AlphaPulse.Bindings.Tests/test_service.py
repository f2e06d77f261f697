"""The analytics service against a scripted market (a C# writer process): a real uvicorn server on 127.0.0.1 port 0,
asked over HTTP; spreads, VWAP and arbitrage after fees exact; each opportunity logged once, with its lifetime."""

from __future__ import annotations

import logging
import socket
import threading
import time
from decimal import Decimal

import httpx
import pytest
import uvicorn
from alphapulse.service import AnalyticsEngine, Settings, SettingsError, create_app


class Service:
    """The app served by uvicorn in a thread, on a socket bound to port 0 first."""

    def __init__(self, settings: Settings) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(create_app(AnalyticsEngine(settings)), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)
        self.thread.start()
        self.client = httpx.Client(base_url=self.url, timeout=10)

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def wait_for(self, path: str, condition, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                response = self.get(path)
                if condition(response):
                    return response
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"{path} never met the condition"
            time.sleep(0.05)

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


@pytest.fixture
def market(ring_dir, writer):
    w = writer("market", ring_dir)
    w.expect("ready")
    return ring_dir, w


@pytest.fixture
def service(market, caplog):
    caplog.set_level(logging.INFO, logger="alphapulse.service")  # Before it starts: the first opportunity opens at once.
    ring_dir, _ = market
    settings = Settings.from_env({"EXCHANGES": "alpha,beta", "SHARED_MEMORY_PATH": str(ring_dir), "TAKER_FEES_BPS": "alpha=10,beta=20", "VWAP_WINDOW_SECONDS": "60"})
    s = Service(settings)
    yield s
    s.stop()


def test_service_should_answer_books_and_exact_analytics(service):
    ready = service.wait_for("/ready", lambda r: r.status_code == 200)
    assert ready.json() == {"ready": True, "exchanges": {"alpha": True, "beta": True}}
    assert service.get("/health").json() == {"status": "alive"}
    book = service.get("/books/alpha/BTC-USD?depth=1").json()
    assert book["bids"] == [[10_000, 20_000]] and book["asks"] == [[10_050, 5_000]] and book["bid_count"] == 2 and book["price_scale"] == 2
    figures = service.wait_for("/analytics/BTC-USD", lambda r: r.json()["exchanges"]["alpha"]["vwap_trades"] == 2).json()["exchanges"]
    alpha, beta = figures["alpha"], figures["beta"]
    assert Decimal(alpha["spread"]) == Decimal("0.50") and Decimal(alpha["mid"]) == Decimal("100.25")
    assert Decimal(alpha["vwap"]) == Decimal("100.75"), "(100 × 1 + 101 × 3) / 4: the trade 100 s older is out of the 60 s window"
    assert alpha["imbalance"] == pytest.approx((2 - 0.5) / 2.5)
    assert alpha["microprice"] == pytest.approx((100.00 * 0.5 + 100.50 * 2) / 2.5)
    assert Decimal(beta["mid"]) == Decimal("101.40") and beta["vwap"] is None
    assert "openapi" in service.get("/openapi.json").json()


def test_service_should_log_each_opportunity_once_with_its_lifetime(service, market, caplog):
    _, w = market
    opened = service.wait_for("/arbitrage", lambda r: r.json()["open"]).json()["open"]
    assert len(opened) == 1
    o = opened[0]
    cost, proceeds = Decimal("100.50") * Decimal("1.001"), Decimal("101.20") * Decimal("0.998")
    assert (o["buy_exchange"], o["sell_exchange"], Decimal(o["buy_price"]), Decimal(o["sell_price"]), Decimal(o["size"])) == ("alpha", "beta", Decimal("100.50"), Decimal("101.20"), Decimal("0.3"))
    assert Decimal(o["profit_bps"]) == (proceeds - cost) / cost * 10_000
    time.sleep(0.2)
    w.go()
    w.expect("done")
    closed = service.wait_for("/arbitrage", lambda r: not r.json()["open"]).json()["closed"]
    assert len(closed) == 1 and closed[0]["lifetime_seconds"] >= 0.2
    messages = [r.getMessage() for r in caplog.get_records("setup") + caplog.records]
    assert sum("arbitrage opened" in m for m in messages) == 1 and sum("arbitrage closed" in m for m in messages) == 1
    metrics = service.get("/metrics").text
    assert 'alphapulse_analytics_mid{exchange="alpha",symbol="BTC-USD"} 100.25' in metrics
    assert "alphapulse_analytics_arbitrage_opened_total 1.0" in metrics


def test_service_should_refuse_bad_paths_and_parameters_clearly(service):
    service.wait_for("/ready", lambda r: r.status_code == 200)
    unknown_exchange = service.get("/books/gamma/BTC-USD")
    assert unknown_exchange.status_code == 404 and "exchange='gamma'" in unknown_exchange.json()["detail"]
    unknown_symbol = service.get("/books/alpha/ETH-USD")
    assert unknown_symbol.status_code == 404 and "BTC-USD" in unknown_symbol.json()["detail"]
    assert service.get("/analytics/ETH-USD").status_code == 404
    bad_depth = service.get("/books/alpha/BTC-USD?depth=0")
    assert bad_depth.status_code == 422 and bad_depth.json()["detail"][0]["loc"] == ["query", "depth"]


def test_service_should_not_be_ready_until_every_exchange_has_a_book(ring_dir):
    settings = Settings.from_env({"EXCHANGES": "alpha", "SHARED_MEMORY_PATH": str(ring_dir)})
    s = Service(settings)
    try:
        not_ready = s.wait_for("/ready", lambda r: r.status_code == 503)
        assert not_ready.json() == {"ready": False, "exchanges": {"alpha": False}}
    finally:
        s.stop()


@pytest.mark.parametrize(("environ", "variable", "text"), [
    ({}, "EXCHANGES", "EXCHANGES must be a comma-separated list of exchange names (lower case): EXCHANGES=<unset>"),
    ({"EXCHANGES": "binance", "API_PORT": "70000"}, "API_PORT", "API_PORT must be an integer in [0, 65535]: API_PORT='70000' (unset it for the default 8090)"),
    ({"EXCHANGES": "binance", "LOG_LEVEL": "loud"}, "LOG_LEVEL", "LOG_LEVEL='loud'"),
    ({"EXCHANGES": "binance", "TAKER_FEES_BPS": "kraken=10"}, "TAKER_FEES_BPS", "configured exchanges: binance"),
    ({"EXCHANGES": "binance", "VWAP_WINDOW_SECONDS": "0"}, "VWAP_WINDOW_SECONDS", "a number above 0"),
])
def test_settings_should_name_the_variable_the_rule_and_the_fix(environ, variable, text):
    with pytest.raises(SettingsError) as error:
        Settings.from_env(environ)
    assert error.value.variable == variable and text in str(error.value)


def test_settings_should_read_the_environment_like_the_csharp_services():
    settings = Settings.from_env({"EXCHANGES": "Binance, kraken", "SYMBOLS": "BTCUSDT,BTC/USD", "API_PORT": "9000", "LOG_LEVEL": "warn",
                                  "SHARED_MEMORY_PATH": "/dev/shm/x", "TAKER_FEES_BPS": "kraken=26", "ARB_MIN_PROFIT_BPS": "1.5"})
    assert (settings.exchanges, settings.symbols, settings.api_port, settings.log_level) == (("binance", "kraken"), ("BTCUSDT", "BTC/USD"), 9000, "WARNING")
    assert settings.taker_fees_bps == {"kraken": 26.0} and settings.min_profit_bps == 1.5 and settings.shared_memory_path == "/dev/shm/x"
