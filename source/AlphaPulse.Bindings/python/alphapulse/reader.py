"""``Reader``: one exchange's merged stream from the shared-memory rings, through the native library or pure Python."""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Iterable, Iterator

from ._layout import (FLAG_BATCH_END, FLAG_EVENT_END, FLAG_NO_LEVEL, KIND_BOOK_RESET, KIND_BOOK_SNAPSHOT, KIND_TRADE,
                      RECORD_FORMAT, RECORD_SIZE, SIDE_BID, new_buffer, record_dtype)
from .book import OrderBook
from .errors import InvalidArgumentError, LibraryNotFoundError, UnknownSymbolError
from .records import SIDES, BookDelta, BookReset, Instrument, Level, Stats, Trade

DEFAULT_DIRECTORY = "/dev/shm/alphapulse"
PURE_VARIABLE = "ALPHAPULSE_PURE"

Event = Trade | BookDelta | BookReset


def _numpy():
    """numpy when it is installed (optional: Debian's python3-numpy), else None."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def _open_backend(directory: str, exchange: str, stale_after_ms: int, backend: str | None):
    if backend is None:
        backend = "pure" if os.environ.get(PURE_VARIABLE) == "1" else "auto"
    if backend not in ("auto", "native", "pure"):
        raise InvalidArgumentError(f"a backend is 'native', 'pure' or None (automatic): backend={backend!r} (pass one of them)")
    if backend in ("auto", "native"):
        from ._native import NativeBackend

        try:
            return NativeBackend(directory, exchange, stale_after_ms)
        except LibraryNotFoundError:
            if backend == "native":
                raise
    from ._pure import PureBackend

    return PureBackend(directory, exchange, stale_after_ms)


class Reader:
    """
    One exchange's merged stream: every ``<exchange>-<replica>.ring`` in ``path`` (``SHARED_MEMORY_PATH``, default
    ``/dev/shm/alphapulse``), replicas merged as the WebSocket server merges them (docs/replication.md). Iterating
    yields the ``Trade``/``BookDelta``/``BookReset`` events available now and stops when caught up; ``follow()`` waits
    for more. ``read_batch(n)`` returns the raw fixed records (a numpy structured array viewing the reader's buffer,
    valid until the next read). ``symbols`` keeps only those symbols. One thread at a time; ``close()`` (or ``with``).
    """

    def __init__(
        self,
        exchange: str,
        symbols: Iterable[str] | None = None,
        path: str | os.PathLike | None = None,
        *,
        batch_size: int = 4096,
        stale_after: float = 3.0,
        backend: str | None = None,
    ) -> None:
        if batch_size < 1:
            raise InvalidArgumentError(f"a batch holds at least one record: batch_size={batch_size} (use the default 4096)")
        if stale_after < 0:
            raise InvalidArgumentError(f"stale_after is seconds, at least 0: stale_after={stale_after} (0 means the library's 3 s)")
        self.exchange = exchange
        self.path = str(path or os.environ.get("SHARED_MEMORY_PATH") or DEFAULT_DIRECTORY)
        self._backend = _open_backend(self.path, exchange, int(stale_after * 1000), backend)
        # A reader dropped without close() still releases its handle and mappings (close() makes this a no-op).
        self._finalizer = weakref.finalize(self, self._backend.close)
        self._numpy = _numpy()
        self._use_buffer(new_buffer(batch_size), batch_size)
        self._instruments: list[Instrument] = []
        self._partial: list[tuple] = []
        self._refresh()
        self._filter: frozenset[int] | None = None
        if symbols is not None:
            self._filter = frozenset(self._backend.symbol_id(symbol) for symbol in symbols)

    @property
    def backend(self) -> str:
        """``native`` (libalphapulse.so) or ``pure`` (mmap + struct)."""
        return self._backend.name

    @property
    def symbols(self) -> list[str]:
        """The merged symbols, by id."""
        self._refresh()
        return [i.symbol for i in self._instruments]

    def instrument(self, symbol: str | int) -> Instrument:
        """A symbol's id and scales, by name or id; UnknownSymbolError names the known ones."""
        if isinstance(symbol, str):
            return self._instrument_of(self._backend.symbol_id(symbol))
        return self._instrument_of(symbol)

    def read_batch(self, n: int | None = None):
        """
        Up to ``n`` records available now (``ap_record``; alphapulse.h documents the fields). With numpy: a structured
        array over the reader's own buffer (zero-copy; valid until the next read — ``.copy()`` to keep it). Without
        numpy: a list of tuples in field order. Filtered by ``symbols`` when given (a copy then).
        """
        count = self._fill(n)
        if self._array is None:
            records = list(RECORD_FORMAT.iter_unpack(memoryview(self._buffer).cast("B")[: count * RECORD_SIZE]))
            return records if self._filter is None else [r for r in records if r[7] in self._filter]
        array = self._array[:count]
        if self._filter is not None:
            array = array[self._numpy.isin(array["symbol"], list(self._filter))]
        return array

    def poll(self, max_records: int | None = None) -> list[Event]:
        """The whole events available now (one read of up to ``max_records`` records); an event cut by the batch completes next time."""
        return self._poll(max_records)[0]

    def _poll(self, max_records: int | None) -> tuple[list[Event], int]:
        count = self._fill(max_records)
        view = memoryview(self._buffer).cast("B")[: count * RECORD_SIZE]
        events: list[Event] = []
        partial = self._partial
        for record in RECORD_FORMAT.iter_unpack(view):
            flags = record[10]
            if record[8] == KIND_TRADE or (flags & FLAG_EVENT_END and not partial):
                if self._filter is None or record[7] in self._filter:
                    events.append(self._event((record,)))
                continue
            partial.append(record)
            if flags & FLAG_EVENT_END:
                if self._filter is None or record[7] in self._filter:
                    events.append(self._event(partial))
                partial = self._partial = []
        return events, count

    def __iter__(self) -> Iterator[Event]:
        """The events available now; stops when caught up (use ``follow()`` to wait for more)."""
        while True:
            events, count = self._poll(None)
            if count == 0:
                return
            yield from events

    def follow(self, timeout: float | None = None, idle: float = 0.0005) -> Iterator[Event]:
        """Events as they arrive, sleeping ``idle`` seconds when caught up; stops after ``timeout`` seconds without one."""
        last = time.monotonic()
        while True:
            events = self.poll()
            if events:
                last = time.monotonic()
                yield from events
            elif timeout is not None and time.monotonic() - last >= timeout:
                return
            else:
                time.sleep(idle)

    def drain(self) -> int:
        """Reads everything available now (keeping the books current) and returns how many records it read."""
        total = 0
        while (count := self._fill(None)) > 0:
            total += count
        self._partial = []
        return total

    def book(self, symbol: str | int, depth: int = 10) -> OrderBook:
        """The merged book's top ``depth`` levels per side, as of the last record read."""
        if depth < 0:
            raise InvalidArgumentError(f"a book depth is at least 0: depth={depth} (pass the number of levels per side)")
        instrument = self.instrument(symbol)
        bids, asks, info = self._backend.book(instrument.id, depth)
        return OrderBook(
            exchange=self.exchange,
            instrument=instrument,
            bids=tuple(self._level(instrument, p, s) for p, s in bids),
            asks=tuple(self._level(instrument, p, s) for p, s in asks),
            bid_count=info["bid_count"],
            ask_count=info["ask_count"],
            sequence=info["sequence"],
            valid=info["valid"],
        )

    def stats(self) -> Stats:
        """Counters: records read, delivered, lost and lapped, writer restarts, failovers, duplicates dropped."""
        return Stats(backend=self.backend, **self._backend.stats())

    def close(self) -> None:
        self._finalizer()

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _fill(self, n: int | None) -> int:
        if n is None:
            n = self._capacity
        if n < 0:
            raise InvalidArgumentError(f"a batch reads at least 0 records: n={n} (pass a positive count)")
        if n > self._capacity:
            self._use_buffer(new_buffer(n), n)
        return self._backend.read_into(self._buffer, n)

    def _use_buffer(self, buffer, capacity: int) -> None:
        """The records buffer, and one numpy view over all of it that read_batch slices (cheaper than a view per read)."""
        self._buffer, self._capacity = buffer, capacity
        self._array = None if self._numpy is None else self._numpy.frombuffer(buffer, dtype=record_dtype())

    def _refresh(self) -> None:
        self._instruments = [Instrument(i, name, p, s) for i, name, p, s in self._backend.instruments()]

    def _instrument_of(self, symbol: int) -> Instrument:
        if not 0 <= symbol < len(self._instruments):
            self._refresh()
            if not 0 <= symbol < len(self._instruments):
                raise UnknownSymbolError(f"a symbol id is an index into the reader's symbols: symbol={symbol}, symbols={len(self._instruments)} (use Reader.symbols)")
        return self._instruments[symbol]

    @staticmethod
    def _level(instrument: Instrument, price: int, size: int) -> Level:
        return Level(price / 10**instrument.price_scale, size / 10**instrument.size_scale, price, size)

    def _event(self, records) -> Event:
        first = records[0]
        instrument = self._instrument_of(first[7])
        kind = first[8]
        if kind == KIND_TRADE:
            price, size, exchange_time, publish_time, _, trade_id, receive_time, _, _, side, _, replica, _ = first
            return Trade(instrument.symbol, price / 10**instrument.price_scale, size / 10**instrument.size_scale, SIDES.get(side, "unknown"),
                         trade_id, exchange_time, receive_time, publish_time, price, size, replica)
        if kind == KIND_BOOK_RESET:
            return BookReset(instrument.symbol, first[3], first[11])
        bids, asks = [], []
        for record in records:
            if not record[10] & FLAG_NO_LEVEL:
                (bids if record[9] == SIDE_BID else asks).append(self._level(instrument, record[0], record[1]))
        last = records[-1]
        return BookDelta(instrument.symbol, "snapshot" if kind == KIND_BOOK_SNAPSHOT else "delta", tuple(bids), tuple(asks),
                         first[4], first[2], first[3], bool(last[10] & FLAG_BATCH_END), first[11])
