"""A C# writer publishes every record type with edge values; the native and pure readers return every field exactly."""

from __future__ import annotations

import alphapulse
import numpy as np
from alphapulse import BookDelta, BookReset, Reader, Trade
from alphapulse._layout import FLAG_BATCH_END, FLAG_EVENT_END, FLAG_NO_LEVEL, KIND_BOOK_SNAPSHOT


def open_reader(edge, backend, **kwargs) -> Reader:
    path, exchange, _ = edge
    return Reader(exchange, path=path, backend=backend, stale_after=600, **kwargs)


def all_events(reader: Reader) -> list:
    return list(reader)


def test_native_and_pure_should_return_identical_records(edge):
    batches = {}
    for backend in ("native", "pure"):
        with open_reader(edge, backend) as reader:
            batches[backend] = reader.read_batch(100_000).copy()
            assert reader.read_batch(10).size == 0, "caught up after one large batch"
    native, pure = batches["native"], batches["pure"]
    assert len(native) == len(pure) > 100
    for field in native.dtype.names:
        assert np.array_equal(native[field], pure[field]), f"field {field} differs between native and pure"


def test_every_trade_should_arrive_once_with_every_field_exact(edge, backend):
    _, _, expected = edge
    with open_reader(edge, backend) as reader:
        trades = [e for e in all_events(reader) if isinstance(e, Trade)]
    got = [{"symbol": t.symbol, "price": t.price_fixed, "size": t.size_fixed, "side": {"unknown": 0, "buy": 1, "sell": 2}[t.side],
            "trade_id": t.trade_id, "exchange_time": t.exchange_time, "receive_time": t.receive_time} for t in trades]
    assert got == expected["trades"]
    extreme = [t for t in trades if t.symbol == "EXTREME-USD"]
    assert [t.price_fixed for t in extreme] == [-(2**63), 2**63 - 1, -1, 1]
    assert extreme[-1].trade_id == 2**64 - 1
    assert all(t.publish_time > 0 for t in trades)


def test_final_books_should_equal_the_writers_books(edge, backend):
    _, _, expected = edge
    with open_reader(edge, backend) as reader:
        reader.drain()
        for symbol, book in expected["books"].items():
            got = reader.book(symbol, depth=100)
            if book is None:
                assert not got.valid and got.bids == () and got.asks == (), f"{symbol} has no book after the restart"
            else:
                assert got.valid
                assert [[l.price_fixed, l.size_fixed] for l in got.bids] == book["bids"]
                assert [[l.price_fixed, l.size_fixed] for l in got.asks] == book["asks"]


def test_snapshot_spanning_records_should_arrive_whole_best_first(edge, backend):
    with open_reader(edge, backend) as reader:
        first = next(e for e in all_events(reader) if isinstance(e, BookDelta) and e.symbol == "EDGE-USD")
    assert first.kind == "snapshot", "the delta published before any snapshot has no book and is not delivered"
    assert [l.price_fixed for l in first.bids] == [5 - i for i in range(15)]
    assert [l.size_fixed for l in first.asks] == [2_000 + i for i in range(15)]
    assert first.batch_end


def test_multi_record_delta_should_arrive_in_order_with_batch_end_on_its_last_part(edge, backend):
    with open_reader(edge, backend) as reader:
        deltas = [e for e in all_events(reader) if isinstance(e, BookDelta) and e.kind == "delta" and e.symbol == "EDGE-USD"]
    long_delta = [d for d in deltas if any(l.price_fixed <= -100 for l in d.bids) or any(l.price_fixed >= 1_000 for l in d.asks)]
    assert len(long_delta) == 5, "14 + 14 levels span three records (12 per record); then -100 and 1000 are removed in one message of two deltas"
    assert [len(d.bids) + len(d.asks) for d in long_delta[:3]] == [12, 12, 4]
    assert [d.batch_end for d in long_delta[:3]] == [False, False, True]
    assert [l.price_fixed for d in long_delta[:3] for l in d.bids] == [-100 - i for i in range(14)]
    assert long_delta[3].bids[0].size_fixed == 0 and not long_delta[3].batch_end, "a delta without BatchEnd leaves the message open"
    assert long_delta[4].asks[0].size_fixed == 0 and long_delta[4].batch_end
    empty = [d for d in deltas if not d.bids and not d.asks]
    assert len(empty) == 1 and empty[0].batch_end, "a delta without levels is still delivered"
    assert not any(l.price_fixed == 3 for d in deltas for l in d.bids), "the delta after a book reset has no book"


def test_sequenced_book_should_drop_a_duplicate_sequence(edge, backend):
    with open_reader(edge, backend) as reader:
        events = [e for e in all_events(reader) if isinstance(e, BookDelta) and e.symbol == "SEQ-USDT"]
        assert reader.stats().duplicates == 2, "the copy of trade 2 and the second delta 102"
    assert [(e.kind, e.sequence) for e in events] == [("snapshot", 100), ("delta", 101), ("delta", 102), ("delta", 102), ("delta", 103)]
    assert not any(l.price_fixed == 1 for e in events for l in e.bids)


def test_empty_book_should_be_one_record_without_levels(edge, backend):
    with open_reader(edge, backend) as reader:
        records = reader.read_batch(100_000)
        empty = records[records["symbol"] == reader.instrument("EMPTY-USD").id]
    assert len(empty) == 2, "its snapshot, then its reset after the restart"
    assert empty[0]["kind"] == KIND_BOOK_SNAPSHOT
    assert empty[0]["flags"] == FLAG_NO_LEVEL | FLAG_EVENT_END | FLAG_BATCH_END
    assert empty[0]["price"] == 0 and empty[0]["size"] == 0


def test_writer_restart_should_count_an_epoch_and_reset_every_book(edge, backend):
    with open_reader(edge, backend) as reader:
        events = all_events(reader)
        stats = reader.stats()
    assert stats.epochs == 1 and stats.lost == 0 and stats.lapped == 0
    resets = [i for i, e in enumerate(events) if isinstance(e, BookReset)]
    assert [events[i].symbol for i in resets] == ["EDGE-USD", "EDGE-USD", "SEQ-USDT", "EMPTY-USD"], "the reset record, then the restart's"
    after = events[resets[-1] + 1:]
    assert isinstance(after[0], Trade) and after[0].trade_id == 11
    assert isinstance(after[1], BookDelta) and after[1].kind == "snapshot"


def test_small_batches_should_return_the_same_records_and_events(edge, backend):
    with open_reader(edge, backend) as reader:
        whole = reader.read_batch(100_000).copy()
    with open_reader(edge, backend, batch_size=7) as reader:
        parts = []
        while (batch := reader.read_batch(7)).size:
            parts.append(batch.copy())
        assert np.array_equal(np.concatenate(parts), whole)
    with open_reader(edge, backend) as large, open_reader(edge, backend, batch_size=5) as small:
        assert all_events(small) == all_events(large), "an event cut by a batch completes in the next"


def test_symbols_filter_should_keep_only_those_symbols(edge, backend):
    with open_reader(edge, backend, symbols=["EXTREME-USD"]) as reader:
        events = all_events(reader)
        assert {e.symbol for e in events} == {"EXTREME-USD"} and len(events) == 4
    with open_reader(edge, backend, symbols=["SEQ-USDT"]) as reader:
        batch = reader.read_batch(100_000)
        assert set(batch["symbol"].tolist()) == {1}


def test_read_batch_should_view_the_readers_buffer_without_copying(edge, backend):
    import ctypes

    with open_reader(edge, backend) as reader:
        batch = reader.read_batch(16)
        assert batch.ctypes.data == ctypes.addressof(reader._buffer), "zero-copy: the array is the reader's own buffer"
        assert not batch.flags.owndata


def test_read_batch_without_numpy_should_return_tuples(edge, backend, monkeypatch):
    with open_reader(edge, backend) as reader:
        expected = [tuple(r) for r in reader.read_batch(100_000).tolist()]
    monkeypatch.setitem(__import__("sys").modules, "numpy", None)
    with open_reader(edge, backend) as reader:
        assert reader.read_batch(100_000) == expected


def test_seed_class_names_should_remain_as_aliases():
    assert alphapulse.PySharedMemoryReader is alphapulse.Reader
    assert alphapulse.PyOrderBookReconstructor is alphapulse.OrderBook
    assert alphapulse.PyArbitrageDetector is alphapulse.ArbitrageDetector
