"""OrderBook figures from a reconstructed book, and cross-exchange arbitrage after fees, exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alphapulse import ArbitrageDetector, Instrument, InvalidArgumentError, Level, OrderBook, Reader

BTC = Instrument(0, "BTC-USD", 2, 4)


def book(exchange: str, bids, asks, valid: bool = True) -> OrderBook:
    level = lambda p, s: Level(p / 100, s / 10_000, p, s)  # noqa: E731
    return OrderBook(exchange, BTC, tuple(level(*b) for b in bids), tuple(level(*a) for a in asks), len(bids), len(asks), 0, valid)


def test_book_figures_should_follow_the_top_levels(edge, backend):
    path, exchange, _ = edge
    with Reader(exchange, path=path, backend=backend, stale_after=600) as reader:
        reader.drain()
        edge_book = reader.book("EDGE-USD", depth=1)
        assert edge_book.bid_count == 2 and len(edge_book.bids) == 1, "depth limits what is copied, not what is counted"
        full = reader.book("EDGE-USD")
        empty = reader.book("EMPTY-USD")
    assert full.best_bid.price_fixed == 60 and full.best_ask.price_fixed == 62
    assert full.exact_spread == Decimal("2E-8") and full.spread == pytest.approx(2e-8)
    assert full.mid == pytest.approx(61e-8)
    assert full.depth("bid") == pytest.approx(10e-8) and full.depth("bid", 1) == pytest.approx(1e-8)
    assert full.imbalance == pytest.approx((1 - 2) / 3)
    assert full.microprice == pytest.approx((60e-8 * 2 + 62e-8 * 1) / 3)
    assert empty.best_bid is None and empty.spread is None and empty.mid is None and not empty.valid
    frame = full.to_pandas()
    assert list(frame.columns) == ["side", "level", "price", "size", "price_fixed", "size_fixed"]
    assert frame["price_fixed"].tolist() == [60, 59, 62] and frame["side"].tolist() == ["bid", "bid", "ask"]
    with pytest.raises(ValueError):
        full.depth("middle")


def test_arbitrage_should_be_exact_after_both_taker_fees():
    detector = ArbitrageDetector({"kraken": 10, "binance": 10})
    found = detector.detect([book("kraken", [(10_100, 20_000)], [(10_200, 1)]), book("binance", [(9_900, 1)], [(10_000, 5_000)])])
    assert len(found) == 1
    o = found[0]
    assert (o.buy_exchange, o.sell_exchange, o.buy_price, o.sell_price, o.size) == ("binance", "kraken", Decimal("100.00"), Decimal("101.00"), Decimal("0.5000"))
    # 101 × 0.999 − 100 × 1.001 = 0.799 per unit; ÷ 100.1 × 10,000 bps.
    assert o.profit_bps == Decimal("0.799") / Decimal("100.1") * 10_000
    assert o.profit == Decimal("0.799") * Decimal("0.5")


def test_arbitrage_should_vanish_when_fees_eat_the_edge_or_limits_refuse_it():
    books = [book("kraken", [(10_100, 20_000)], [(10_200, 1)]), book("binance", [(9_900, 1)], [(10_000, 5_000)])]
    assert ArbitrageDetector({"kraken": 50, "binance": 50}).detect(books) == []
    assert ArbitrageDetector(default_fee_bps=0, min_profit_bps=101).detect(books) == []
    assert ArbitrageDetector(default_fee_bps=0, min_size=1).detect(books) == []
    assert len(ArbitrageDetector(default_fee_bps=0, min_profit_bps=99).detect(books)) == 1
    books.append(book("coinbase", [(20_000, 1)], [(20_001, 1)], valid=False))
    assert all("coinbase" not in (o.buy_exchange, o.sell_exchange) for o in ArbitrageDetector(default_fee_bps=0).detect(books)), "an invalid book is skipped"
    with pytest.raises(InvalidArgumentError):
        ArbitrageDetector({"kraken": -1})


def test_arbitrage_scan_should_read_books_from_readers(edge, ring_dir, backend):
    path, _, _ = edge
    (ring_dir / "other-a.ring").write_bytes((path / "edge-a.ring").read_bytes())
    with Reader("edge", path=path, backend=backend) as a, Reader("other", path=ring_dir, backend=backend) as b:
        assert ArbitrageDetector(default_fee_bps=0).scan([a, b], "EDGE-USD") == [], "the same book on both exchanges"
        assert a.book("EDGE-USD").valid and b.book("EDGE-USD").valid
