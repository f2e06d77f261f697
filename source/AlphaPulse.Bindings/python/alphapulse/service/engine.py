"""What the service computes from the rings: per exchange and symbol the book's mid, spread, microprice and
imbalance and the VWAP of recent trades; across exchanges the arbitrage opportunities after fees, each logged once
when it opens and once when it closes, with its lifetime. Single-threaded: the service's event loop owns it."""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from decimal import Decimal

from ..arbitrage import ArbitrageDetector, Opportunity
from ..book import OrderBook
from ..errors import AlphaPulseError
from ..reader import Reader
from ..records import Trade
from .settings import Settings

log = logging.getLogger("alphapulse.service")


class Vwap:
    """Volume-weighted average price of the trades in the last ``window_ns`` of exchange time (exact)."""

    def __init__(self, window_ns: int) -> None:
        self._window = window_ns
        self._trades: deque[tuple[int, Decimal, Decimal]] = deque()
        self._notional = Decimal(0)
        self._volume = Decimal(0)

    def add(self, exchange_time: int, price: Decimal, size: Decimal) -> None:
        self._trades.append((exchange_time, price * size, size))
        self._notional += price * size
        self._volume += size
        while self._trades and self._trades[0][0] <= exchange_time - self._window:
            _, notional, volume = self._trades.popleft()
            self._notional -= notional
            self._volume -= volume

    @property
    def value(self) -> Decimal | None:
        return self._notional / self._volume if self._volume > 0 else None

    @property
    def trades(self) -> int:
        return len(self._trades)


@dataclass
class OpenOpportunity:
    opportunity: Opportunity
    opened_at: float


class AnalyticsEngine:
    """Reads every configured exchange (``poll``) and answers the API's questions from what it read."""

    def __init__(self, settings: Settings, clock=time.time) -> None:
        self.settings = settings
        self._clock = clock
        self._readers: dict[str, Reader] = {}
        self._vwaps: dict[tuple[str, str], Vwap] = {}
        self._detector = ArbitrageDetector(settings.taker_fees_bps, default_fee_bps=settings.default_taker_fee_bps,
                                           min_profit_bps=settings.min_profit_bps, min_size=settings.min_size)
        self._open: dict[tuple[str, str, str], OpenOpportunity] = {}
        self.closed: deque[dict] = deque(maxlen=100)
        self.events = {exchange: 0 for exchange in settings.exchanges}
        self.opportunities_opened = 0

    def poll(self) -> int:
        """Reads what every exchange has now; returns the events read. An exchange without rings yet is retried."""
        total = 0
        for exchange in self.settings.exchanges:
            reader = self._reader(exchange)
            if reader is None:
                continue
            events = 0
            for event in reader:
                events += 1
                if isinstance(event, Trade) and self._wanted(event.symbol):
                    instrument = reader.instrument(event.symbol)
                    vwap = self._vwaps.setdefault((exchange, event.symbol), Vwap(int(self.settings.vwap_window_seconds * 1e9)))
                    vwap.add(event.exchange_time, instrument.exact_price(event.price_fixed), instrument.exact_size(event.size_fixed))
            self.events[exchange] += events
            total += events
        self._update_opportunities()
        return total

    def exchanges_ready(self) -> dict[str, bool]:
        """Per exchange: its rings are open and at least one wanted symbol has a complete book."""
        ready = {}
        for exchange in self.settings.exchanges:
            reader = self._readers.get(exchange)
            ready[exchange] = reader is not None and any(reader.book(s, 0).valid for s in reader.symbols if self._wanted(s))
        return ready

    def symbols(self) -> set[str]:
        return {s for reader in self._readers.values() for s in reader.symbols if self._wanted(s)}

    def book(self, exchange: str, symbol: str, depth: int) -> OrderBook | None:
        reader = self._readers.get(exchange)
        if reader is None or symbol not in reader.symbols or not self._wanted(symbol):
            return None
        return reader.book(symbol, depth)

    def analytics(self, symbol: str) -> dict[str, dict]:
        result = {}
        for exchange, reader in self._readers.items():
            if symbol not in reader.symbols or not self._wanted(symbol):
                continue
            book = reader.book(symbol, 1)
            vwap = self._vwaps.get((exchange, symbol))
            result[exchange] = {
                "valid": book.valid,
                "best_bid": _price(book.instrument, book.best_bid),
                "best_ask": _price(book.instrument, book.best_ask),
                "mid": _text(_exact_mid(book)),
                "spread": _text(book.exact_spread),
                "microprice": book.microprice,
                "imbalance": book.imbalance,
                "vwap": _text(vwap.value if vwap else None),
                "vwap_trades": vwap.trades if vwap else 0,
                "vwap_window_seconds": self.settings.vwap_window_seconds,
            }
        return result

    def opportunities(self) -> list[dict]:
        now = self._clock()
        return [{**o.opportunity.to_dict(), "opened_at": o.opened_at, "age_seconds": now - o.opened_at} for o in self._open.values()]

    def close(self) -> None:
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()

    def _reader(self, exchange: str) -> Reader | None:
        reader = self._readers.get(exchange)
        if reader is None:
            try:
                reader = self._readers[exchange] = Reader(exchange, path=self.settings.shared_memory_path)
                log.info("reading %s from %s (%s backend): symbols %s", exchange, self.settings.shared_memory_path, reader.backend, ", ".join(reader.symbols))
            except AlphaPulseError as error:
                log.debug("%s not readable yet: %s", exchange, error)
                return None
        return reader

    def _update_opportunities(self) -> None:
        found: dict[tuple[str, str, str], Opportunity] = {}
        for symbol in self.symbols():
            books = [b for b in (self.book(e, symbol, 1) for e in self._readers) if b is not None]
            for o in self._detector.detect(books):
                found[(o.symbol, o.buy_exchange, o.sell_exchange)] = o
        now = self._clock()
        for key, o in found.items():
            if key in self._open:
                self._open[key].opportunity = o
            else:
                self._open[key] = OpenOpportunity(o, now)
                self.opportunities_opened += 1
                log.info("arbitrage opened: %s buy %s at %s, sell %s at %s, size %s, %.2f bps after fees",
                         o.symbol, o.buy_exchange, o.buy_price, o.sell_exchange, o.sell_price, o.size, o.profit_bps)
        for key in [k for k in self._open if k not in found]:
            gone = self._open.pop(key)
            lifetime = now - gone.opened_at
            self.closed.append({**gone.opportunity.to_dict(), "opened_at": gone.opened_at, "lifetime_seconds": lifetime})
            log.info("arbitrage closed: %s buy %s sell %s after %.3f s", key[0], key[1], key[2], lifetime)

    def _wanted(self, symbol: str) -> bool:
        return not self.settings.symbols or symbol in self.settings.symbols


def _exact_mid(book: OrderBook) -> Decimal | None:
    if book.best_bid is None or book.best_ask is None:
        return None
    return book.instrument.exact_price(book.best_bid.price_fixed + book.best_ask.price_fixed) / 2


def _price(instrument, level) -> str | None:
    return None if level is None else str(instrument.exact_price(level.price_fixed))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
