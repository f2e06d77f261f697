"""What a Reader yields: small immutable dataclasses, prices both exact (fixed point) and as floats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SIDES = {0: "unknown", 1: "buy", 2: "sell"}


@dataclass(frozen=True, slots=True)
class Instrument:
    """A symbol of the merged stream: price = price_fixed / 10**price_scale."""

    id: int
    symbol: str
    price_scale: int
    size_scale: int

    def price(self, fixed: int) -> float:
        return fixed / 10**self.price_scale

    def size(self, fixed: int) -> float:
        return fixed / 10**self.size_scale

    def exact_price(self, fixed: int) -> Decimal:
        return Decimal(fixed).scaleb(-self.price_scale)

    def exact_size(self, fixed: int) -> Decimal:
        return Decimal(fixed).scaleb(-self.size_scale)


@dataclass(frozen=True, slots=True)
class Level:
    """One book level: ``price``/``size`` as floats, ``price_fixed``/``size_fixed`` exact (size 0 removes in a delta)."""

    price: float
    size: float
    price_fixed: int
    size_fixed: int


@dataclass(frozen=True, slots=True)
class Trade:
    """A trade, first copy only. ``side`` is the aggressor: ``buy``, ``sell`` or ``unknown``."""

    symbol: str
    price: float
    size: float
    side: str
    trade_id: int
    exchange_time: int
    receive_time: int
    publish_time: int
    price_fixed: int
    size_fixed: int
    replica: int = 0


@dataclass(frozen=True, slots=True)
class BookDelta:
    """A book update: ``kind`` ``delta`` (changed levels; size 0 removed one) or ``snapshot`` (the whole book, replaced)."""

    symbol: str
    kind: str
    bids: tuple[Level, ...]
    asks: tuple[Level, ...]
    sequence: int
    exchange_time: int
    publish_time: int
    batch_end: bool
    replica: int = 0

    @property
    def is_snapshot(self) -> bool:
        return self.kind == "snapshot"


@dataclass(frozen=True, slots=True)
class BookReset:
    """The symbol's book is gone (a replica reset, restarted or was lapped) until the next snapshot."""

    symbol: str
    publish_time: int
    replica: int = 0


@dataclass(frozen=True, slots=True)
class Stats:
    """A reader's counters (``ap_stats``), summed over the exchange's replicas."""

    backend: str
    records: int
    delivered: int
    lost: int
    lapped: int
    epochs: int
    failovers: int
    duplicates: int
    replicas: int
    symbols: int
    staged: int
    latency_ns: int
