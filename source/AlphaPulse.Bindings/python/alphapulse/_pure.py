"""The pure-Python backend: rings read with mmap + struct (``_ring``), merged by the ported rules (``_merge``), written
into the same ``ap_record`` buffer the native library fills. Used when ``ALPHAPULSE_PURE=1`` or the library is
missing. It follows one replica (the first ring by name); failover across replicas and staleness need the native
library. One thread at a time.
"""

from __future__ import annotations

import ctypes
import os
import time
from collections import deque

from ._layout import RECORD_FORMAT, RECORD_SIZE
from ._merge import Merger
from ._ring import Ring
from .errors import InvalidArgumentError, ReaderClosedError, RingNotFoundError, UnknownSymbolError

RING_SUFFIX = ".ring"


def replica_rings(directory: str, exchange: str) -> list[str]:
    """The exchange's rings ``<exchange>-<replica>.ring`` in the directory, sorted by name."""
    if not exchange or "/" in exchange:
        raise InvalidArgumentError(f"an exchange is one ring-name prefix: exchange='{exchange}' (pass e.g. 'binance')")
    try:
        names = os.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        names = []
    prefix = exchange + "-"
    rings = sorted(n for n in names if n.startswith(prefix) and n.endswith(RING_SUFFIX) and len(n) > len(prefix) + len(RING_SUFFIX))
    if not rings:
        raise RingNotFoundError(
            f"an exchange is read from its collectors' rings <exchange>-<replica>.ring: exchange='{exchange}', directory='{directory}', rings=0 "
            f"(start the exchange's collector, or pass the directory it writes to: SHARED_MEMORY_PATH)"
        )
    return [os.path.join(directory, n) for n in rings]


class PureBackend:
    """One exchange's stream read in pure Python; the same interface as ``NativeBackend``."""

    name = "pure"

    def __init__(self, directory: str, exchange: str, stale_after_ms: int) -> None:
        del stale_after_ms  # One replica: a stale one has nothing to fail over to.
        paths = replica_rings(directory, exchange)
        rings = [Ring(path) for path in paths]  # Every ring is validated, as ap_open does; the first is followed.
        for ring in rings[1:]:
            ring.close()
        self._ring = rings[0]
        self._merger = Merger()
        self._merger.map_instruments(self._ring.instruments)
        self._staged: deque = deque()
        self._delivered = 0
        self._closed = False

    def read_into(self, buffer: ctypes.Array, capacity: int) -> int:
        self._require_open()
        view = memoryview(buffer).cast("B")
        pack = RECORD_FORMAT.pack_into
        staged, ring, merger = self._staged, self._ring, self._merger
        written = 0
        while written < capacity:
            if staged:
                pack(view, written * RECORD_SIZE, *staged.popleft())
                written += 1
                continue
            record = ring.try_read()
            if record is None:
                if ring.refresh_instruments():
                    merger.map_instruments(ring.instruments)
                break
            merger.on_record(record[0], record[1], record[2], ring.instruments, staged)
        self._delivered += written
        return written

    def instruments(self) -> list[tuple[int, str, int, int]]:
        self._require_open()
        if self._ring.refresh_instruments():
            self._merger.map_instruments(self._ring.instruments)
        scales = {name: (p, s) for name, p, s in self._ring.instruments}
        return [(i, s.name, *scales.get(s.name, (0, 0))) for i, s in enumerate(self._merger.symbols)]

    def symbol_id(self, symbol: str) -> int:
        self._require_open()
        found = self._merger.ids.get(symbol)
        if found is None:
            known = ", ".join(s.name for s in self._merger.symbols)
            raise UnknownSymbolError(f"a symbol must be declared by one of the exchange's rings: symbol='{symbol}', known=[{known}] (use one of the known symbols, spelled as the exchange's collector declares it)")
        return found

    def book(self, symbol: int, depth: int):
        self._require_open()
        if not 0 <= symbol < len(self._merger.symbols):
            raise UnknownSymbolError(f"a symbol id is an index into the reader's symbols: symbol={symbol}, symbols={len(self._merger.symbols)} (ask ap_symbol_count, or look a name up with ap_symbol_id)")
        if depth < 0:
            raise InvalidArgumentError(f"a book depth is at least 0: depth={depth} (pass the number of levels per side)")
        state = self._merger.symbols[symbol]
        bids, asks = state.book.top()
        info = {"bid_count": len(bids), "ask_count": len(asks), "sequence": state.sequence, "valid": state.valid}
        return bids[:depth], asks[:depth], info

    def stats(self) -> dict:
        self._require_open()
        ring, merger = self._ring, self._merger
        last = merger.last_publish_time
        return {
            "records": merger.records,
            "delivered": self._delivered,
            "lost": ring.lost,
            "lapped": ring.lapped,
            "epochs": ring.epoch_changes,
            "failovers": 0,
            "duplicates": merger.duplicates,
            "replicas": 1,
            "symbols": len(merger.symbols),
            "staged": len(self._staged),
            "latency_ns": max(0, time.clock_gettime_ns(time.CLOCK_MONOTONIC) - last) if last else 0,
        }

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._ring.close()

    def _require_open(self) -> None:
        if self._closed:
            raise ReaderClosedError("a reader is used only until it is closed: reader=closed (open a new Reader)")
