"""Cross-exchange arbitrage on the books' tops, after taker fees on both legs. Exact (Decimal) arithmetic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .book import OrderBook
from .errors import InvalidArgumentError

_BPS = Decimal(10_000)


@dataclass(frozen=True, slots=True)
class Opportunity:
    """Buy ``size`` at ``buy_price`` on ``buy_exchange``, sell at ``sell_price`` on ``sell_exchange``: ``profit_bps`` after fees."""

    symbol: str
    buy_exchange: str
    sell_exchange: str
    buy_price: Decimal
    sell_price: Decimal
    size: Decimal
    profit_bps: Decimal
    profit: Decimal

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in ((f, getattr(self, f)) for f in self.__slots__)}


class ArbitrageDetector:
    """
    Finds where one exchange's best bid beats another's best ask by more than both taker fees. ``fees_bps`` maps an
    exchange to its taker fee in basis points (``default_fee_bps`` otherwise); an opportunity is reported when its
    profit is at least ``min_profit_bps`` and its size at least ``min_size``. Stateless between calls.
    """

    def __init__(self, fees_bps: Mapping[str, float] | None = None, *, default_fee_bps: float = 10.0, min_profit_bps: float = 0.0, min_size: float = 0.0) -> None:
        for name, value in {"default_fee_bps": default_fee_bps, "min_size": min_size, **{f"fees_bps[{k}]": v for k, v in (fees_bps or {}).items()}}.items():
            if value < 0:
                raise InvalidArgumentError(f"fees and sizes are at least 0: {name}={value} (pass a fee in basis points, e.g. 10 for 0.1 %)")
        self.fees_bps = {k: Decimal(str(v)) for k, v in (fees_bps or {}).items()}
        self.default_fee_bps = Decimal(str(default_fee_bps))
        self.min_profit_bps = Decimal(str(min_profit_bps))
        self.min_size = Decimal(str(min_size))

    def fee(self, exchange: str) -> Decimal:
        return self.fees_bps.get(exchange, self.default_fee_bps) / _BPS

    def detect(self, books: Iterable[OrderBook]) -> list[Opportunity]:
        """Opportunities among books of one symbol on different exchanges, best first. Invalid books are skipped."""
        tops = [b for b in books if b.valid and b.best_bid is not None and b.best_ask is not None]
        found = []
        for buy in tops:
            for sell in tops:
                if buy.exchange == sell.exchange:
                    continue
                ask, bid = buy.best_ask, sell.best_bid
                ask_price = buy.instrument.exact_price(ask.price_fixed)
                bid_price = sell.instrument.exact_price(bid.price_fixed)
                cost = ask_price * (1 + self.fee(buy.exchange))
                proceeds = bid_price * (1 - self.fee(sell.exchange))
                if cost <= 0 or proceeds <= cost:
                    continue
                bps = (proceeds - cost) / cost * _BPS
                size = min(buy.instrument.exact_size(ask.size_fixed), sell.instrument.exact_size(bid.size_fixed))
                if bps >= self.min_profit_bps and size >= self.min_size and size > 0:
                    found.append(Opportunity(buy.symbol, buy.exchange, sell.exchange, ask_price, bid_price, size, bps, (proceeds - cost) * size))
        return sorted(found, key=lambda o: o.profit_bps, reverse=True)

    def scan(self, readers: Iterable, symbol: str) -> list[Opportunity]:
        """Reads each reader's book of ``symbol`` (after draining what is available) and detects across them."""
        books = []
        for reader in readers:
            reader.drain()
            if symbol in reader.symbols:
                books.append(reader.book(symbol, depth=1))
        return self.detect(books)
