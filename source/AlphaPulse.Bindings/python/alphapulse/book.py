"""A reconstructed book as a value: the merged book's top levels at the moment it was asked for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .records import Instrument, Level


@dataclass(frozen=True)
class OrderBook:
    """The top of one symbol's merged book (``Reader.book``). Immutable; ``valid`` is False until a snapshot arrived."""

    exchange: str
    instrument: Instrument
    bids: tuple[Level, ...]
    asks: tuple[Level, ...]
    bid_count: int
    ask_count: int
    sequence: int
    valid: bool

    @property
    def symbol(self) -> str:
        return self.instrument.symbol

    @property
    def best_bid(self) -> Level | None:
        return self.bids[0] if self.bids else None

    @property
    def best_ask(self) -> Level | None:
        return self.asks[0] if self.asks else None

    @property
    def spread(self) -> float | None:
        """Best ask minus best bid, or None when a side is empty."""
        if not self.bids or not self.asks:
            return None
        return float(self.exact_spread)

    @property
    def exact_spread(self) -> Decimal | None:
        if not self.bids or not self.asks:
            return None
        return self.instrument.exact_price(self.asks[0].price_fixed - self.bids[0].price_fixed)

    @property
    def mid(self) -> float | None:
        """Halfway between the best bid and ask, or None when a side is empty."""
        if not self.bids or not self.asks:
            return None
        return float(self.instrument.exact_price(self.asks[0].price_fixed + self.bids[0].price_fixed) / 2)

    @property
    def microprice(self) -> float | None:
        """The mid weighted by the opposite side's size: leans toward the side about to be taken."""
        if not self.bids or not self.asks:
            return None
        bid, ask = self.bids[0], self.asks[0]
        total = bid.size_fixed + ask.size_fixed
        return float((self.instrument.exact_price(bid.price_fixed) * ask.size_fixed + self.instrument.exact_price(ask.price_fixed) * bid.size_fixed) / total)

    @property
    def imbalance(self) -> float | None:
        """(bid size − ask size) / (bid size + ask size) at the top, in [−1, 1]."""
        if not self.bids or not self.asks:
            return None
        bid, ask = self.bids[0].size_fixed, self.asks[0].size_fixed
        return (bid - ask) / (bid + ask)

    def depth(self, side: str, levels: int | None = None) -> float:
        """Total size of the best ``levels`` levels (all copied levels when None) of ``bid`` or ``ask``."""
        chosen = self._side(side)[: levels if levels is not None else None]
        return float(self.instrument.exact_size(sum(level.size_fixed for level in chosen)))

    def to_pandas(self):
        """The levels as a pandas DataFrame (side, level, price, size, price_fixed, size_fixed); needs pandas."""
        import pandas as pd

        rows = [
            {"side": side, "level": i, "price": level.price, "size": level.size, "price_fixed": level.price_fixed, "size_fixed": level.size_fixed}
            for side, levels in (("bid", self.bids), ("ask", self.asks))
            for i, level in enumerate(levels)
        ]
        return pd.DataFrame(rows, columns=["side", "level", "price", "size", "price_fixed", "size_fixed"])

    def to_dict(self) -> dict:
        """Plain data for JSON: exact fixed-point integers and their scales."""
        return {
            "exchange": self.exchange,
            "symbol": self.symbol,
            "valid": self.valid,
            "sequence": self.sequence,
            "price_scale": self.instrument.price_scale,
            "size_scale": self.instrument.size_scale,
            "bid_count": self.bid_count,
            "ask_count": self.ask_count,
            "bids": [[level.price_fixed, level.size_fixed] for level in self.bids],
            "asks": [[level.price_fixed, level.size_fixed] for level in self.asks],
        }

    def _side(self, side: str) -> tuple[Level, ...]:
        if side not in ("bid", "ask"):
            raise ValueError(f"a book side is 'bid' or 'ask': side={side!r} (pass 'bid' or 'ask')")
        return self.bids if side == "bid" else self.asks
