"""The merged reader's rules (docs/replication.md) for one replica, in pure Python: what ``ReplicatedReader`` delivers
when an exchange has one ring. Shadow books, follow and sequenced mode, trade de-duplication and the resets a
restart or a lap causes are ported line for line from ``BookArbiter``/``ShadowBook``/``MergedSymbol``, so the pure
and native backends emit the same records. Failover to another replica and staleness need a second ring: the
pure backend follows one replica and leaves those to the native library. Single-threaded.
"""

from __future__ import annotations

import struct

from ._layout import (FLAG_BATCH_END, FLAG_EVENT_END, FLAG_NO_LEVEL, KIND_BOOK_DELTA, KIND_BOOK_RESET,
                      KIND_BOOK_SNAPSHOT, KIND_TRADE, SIDE_ASK, SIDE_BID)
from ._ring import SLOT

TYPE_TRADE, TYPE_DELTA, TYPE_SNAPSHOT = 1, 2, 3
BATCH_END, BOOK_RESET, LAST_CHUNK = 1, 2, 4
TRADE_WINDOW = 64
_MASK64 = (1 << 64) - 1

_TRADE = struct.Struct("<qqQqqB")  # price, size, trade id, exchange time, receive time, side (§5)
_BOOK = struct.Struct("<qBBHH2xq")  # exchange time, bid count, ask count, chunk index, chunk count, sequence
_LEVEL = struct.Struct("<qq")


class Book:
    """Price → size per side; sorted only when read (best first)."""

    __slots__ = ("bids", "asks", "sequence")

    def __init__(self) -> None:
        self.bids: dict[int, int] = {}
        self.asks: dict[int, int] = {}
        self.sequence = 0

    def clear(self) -> None:
        self.bids.clear()
        self.asks.clear()
        self.sequence = 0

    def apply(self, bids, asks) -> None:
        for side, levels in ((self.bids, bids), (self.asks, asks)):
            for price, size in levels:
                if size == 0:
                    side.pop(price, None)
                else:
                    side[price] = size

    def copy_from(self, other: "Book") -> None:
        self.bids = dict(other.bids)
        self.asks = dict(other.asks)
        self.sequence = other.sequence

    def top(self):
        return sorted(self.bids.items(), reverse=True), sorted(self.asks.items())


class Shadow:
    """One replica's book of one symbol, rebuilt as any single-ring reader must (``ShadowBook``)."""

    __slots__ = ("book", "valid", "sequence", "in_batch", "_building")

    def __init__(self) -> None:
        self.book = Book()
        self.valid = False
        self.sequence = 0
        self.in_batch = False
        self._building = False

    @property
    def adoptable(self) -> bool:
        return self.valid and not self.in_batch

    def invalidate(self) -> None:
        self.valid = self._building = self.in_batch = False
        self.book.clear()

    def apply(self, kind: int, flags: int, sequence: int, bids, asks) -> None:
        if kind == TYPE_SNAPSHOT:
            if flags & BOOK_RESET:
                self.book.clear()
                self.valid = False
                self._building = True
            self.book.apply(bids, asks)
            self.book.sequence = sequence
            if flags & LAST_CHUNK:
                self.valid = self._building
                self._building = False
        elif flags & BOOK_RESET:
            self.invalidate()
            return
        elif self.valid:
            self.book.apply(bids, asks)
            self.book.sequence = sequence
        self.sequence = sequence
        self.in_batch = not flags & BATCH_END


class Symbol:
    """The merged state of one symbol (``MergedSymbol``) with its one replica's shadow."""

    __slots__ = ("name", "book", "valid", "sequence", "leader", "batch_replica", "shadow", "_newest_trade", "_seen")

    def __init__(self, name: str) -> None:
        self.name = name
        self.book = Book()
        self.valid = False
        self.sequence = 0
        self.leader = -1
        self.batch_replica = -1
        self.shadow = Shadow()
        self._newest_trade = 0
        self._seen = 0

    def accept_trade(self, trade_id: int) -> bool:
        if trade_id > self._newest_trade:
            shift = trade_id - self._newest_trade
            self._seen = (0 if shift >= TRADE_WINDOW else (self._seen << shift) & _MASK64) | 1
            self._newest_trade = trade_id
            return True
        age = self._newest_trade - trade_id
        if age >= TRADE_WINDOW or self._seen & (1 << age):
            return False
        self._seen |= 1 << age
        return True


class Merger:
    """Turns one replica's ring records into ``ap_record`` tuples, appended to ``out`` (the staging list)."""

    def __init__(self) -> None:
        self.symbols: list[Symbol] = []
        self.ids: dict[str, int] = {}
        self._map: list[int] = []
        self.records = 0
        self.duplicates = 0
        self.last_publish_time = 0

    def map_instruments(self, instruments) -> None:
        self._map = [self._symbol_of(name) for name, _, _ in instruments]

    def on_record(self, data: bytes, lost_before: int, is_new_epoch: bool, instruments, out: list) -> None:
        sequence, publish_time, _, instrument, kind, flags, _ = SLOT.unpack_from(data, 0)
        self.records += 1
        self.last_publish_time = publish_time
        if lost_before > 0 or is_new_epoch:
            self._on_disrupted(instruments, out)
        if kind not in (TYPE_TRADE, TYPE_DELTA, TYPE_SNAPSHOT):
            return
        if instrument >= len(self._map):
            self.map_instruments(instruments)
            if instrument >= len(self._map):
                return
        symbol_id = self._map[instrument]
        state = self.symbols[symbol_id]
        if kind == TYPE_TRADE:
            price, size, trade_id, exchange_time, receive_time, side = _TRADE.unpack_from(data, 32)
            if not state.accept_trade(trade_id):
                self.duplicates += 1
                return
            out.append((price, size, exchange_time, publish_time, 0, trade_id, receive_time, symbol_id, KIND_TRADE, side, FLAG_EVENT_END | FLAG_BATCH_END, 0, 0))
            return
        exchange_time, bid_count, ask_count, _, _, book_sequence = _BOOK.unpack_from(data, 32)
        levels = [_LEVEL.unpack_from(data, 56 + 16 * i) for i in range(bid_count + ask_count)]
        bids, asks = levels[:bid_count], levels[bid_count:]
        event = self._on_book(state, kind, flags, book_sequence, bids, asks)
        if event == KIND_BOOK_DELTA:
            _levels(out, (0, 0, exchange_time, publish_time, book_sequence, 0, 0, symbol_id, KIND_BOOK_DELTA, 0, 0, 0, 0), bids, asks, bool(flags & BATCH_END))
        elif event is not None:
            self._emit(out, symbol_id, event)

    def _on_book(self, m: Symbol, kind: int, flags: int, sequence: int, bids, asks):
        shadow = m.shadow
        continues = shadow.adoptable or (m.batch_replica == 0 and shadow.valid)
        previous = shadow.sequence
        shadow.apply(kind, flags, sequence, bids, asks)
        if kind == TYPE_DELTA and flags & BOOK_RESET:
            return self._fail_over(m) if m.leader == 0 or m.batch_replica == 0 else None
        if sequence != 0:
            return self._sequenced(m, kind, flags, sequence, bids, asks, continues, previous)
        return self._follow(m, kind, flags, bids, asks)

    def _sequenced(self, m: Symbol, kind, flags, sequence, bids, asks, continues, previous):
        end = bool(flags & BATCH_END)
        if kind == TYPE_SNAPSHOT:
            is_new = not m.valid or sequence > m.sequence or m.batch_replica >= 0
            if flags & LAST_CHUNK and m.shadow.valid and is_new:
                return self._adopt(m)
            if m.leader < 0:
                m.leader = 0
            return None
        if m.batch_replica == 0 and sequence == m.sequence and continues:
            return self._apply_delta(m, bids, asks, -1 if end else 0)
        if m.valid and sequence <= m.sequence:
            self.duplicates += 1
            return None
        if m.valid and m.batch_replica < 0 and continues and previous == m.sequence:
            m.sequence = sequence
            if m.leader < 0:
                m.leader = 0
            return self._apply_delta(m, bids, asks, -1 if end else 0)
        return self._adopt(m) if end and m.shadow.adoptable else None

    def _follow(self, m: Symbol, kind, flags, bids, asks):
        if m.leader == 0 and m.valid:
            if kind == TYPE_SNAPSHOT:
                return self._adopt(m) if flags & LAST_CHUNK and m.shadow.valid else None
            return self._apply_delta(m, bids, asks, -1)
        return self._adopt(m) if not m.valid and m.shadow.adoptable else None

    @staticmethod
    def _apply_delta(m: Symbol, bids, asks, batch_replica: int) -> int:
        m.book.apply(bids, asks)
        m.book.sequence = m.sequence
        m.batch_replica = batch_replica
        return KIND_BOOK_DELTA

    @staticmethod
    def _adopt(m: Symbol) -> int:
        m.book.copy_from(m.shadow.book)
        m.sequence = m.shadow.sequence
        m.valid = True
        m.batch_replica = -1
        m.leader = 0
        return KIND_BOOK_SNAPSHOT

    @staticmethod
    def _fail_over(m: Symbol):
        """No other replica to fail over to: the merged book is reset (``BookArbiter.Reset``)."""
        was_valid = m.valid
        m.book.clear()
        m.valid = False
        m.sequence = 0
        m.batch_replica = -1
        m.leader = -1
        return KIND_BOOK_RESET if was_valid else None

    def _on_disrupted(self, instruments, out: list) -> None:
        """A lap or a writer restart voids the replica's books; what it led is reset (``OnDisrupted``)."""
        self.map_instruments(instruments)
        for symbol_id, state in enumerate(self.symbols):
            state.shadow.invalidate()
        for symbol_id, state in enumerate(self.symbols):
            if state.leader == 0 or state.batch_replica == 0:
                event = self._fail_over(state)
                if event is not None:
                    self._emit(out, symbol_id, event)

    def _emit(self, out: list, symbol_id: int, event: int) -> None:
        state = self.symbols[symbol_id]
        template = (0, 0, 0, self.last_publish_time, state.sequence, 0, 0, symbol_id, event, 0, 0, 0, 0)
        if event == KIND_BOOK_SNAPSHOT:
            bids, asks = state.book.top()
            _levels(out, template, bids, asks, True)
        else:
            _levels(out, template, (), (), True)

    def _symbol_of(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.symbols)
            self.symbols.append(Symbol(name))
        return found


def _levels(out: list, template: tuple, bids, asks, batch_end: bool) -> None:
    """One record per level, bids then asks; the last ends the event (``BindingReader.StageLevels``)."""
    end = FLAG_EVENT_END | (FLAG_BATCH_END if batch_end else 0)
    if not bids and not asks:
        out.append(template[:2] + template[2:10] + (FLAG_NO_LEVEL | end,) + template[11:])
        return
    head, tail = template[2:9], template[11:]
    last = len(bids) + len(asks) - 1
    i = 0
    for side, levels in ((SIDE_BID, bids), (SIDE_ASK, asks)):
        for price, size in levels:
            out.append((price, size) + head + (side, end if i == last else 0) + tail)
            i += 1
