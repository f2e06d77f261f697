"""One ring file read in pure Python with mmap + struct, following docs/shm-format.md (version 3) §2–§4 and §7.

The second implementation of the spec beside the C# ``RingReader``: the cross-language tests hold the two to the
same records. One reader, one thread; the writer is never slowed (read-only mapping, no lock).
"""

from __future__ import annotations

import mmap
import os
import stat
import struct

from .errors import BadRingFileError, RingNotFoundError, RingPermissionError, WrongVersionError

MAGIC = 0x474E524D48535041  # "APSHMRNG"
VERSION = 3
HEADER_BASE = 512
INSTRUMENT_ROW = 64
SLOT_HEADER = 32
MIN_SLOT_SIZE, MAX_SLOT_SIZE = 128, 4096
MIN_SLOT_COUNT, MAX_SLOT_COUNT = 2, 1 << 24

# Header (§2).
_GEOMETRY = struct.Struct("<QIIIII4xQ")  # magic, version, header length, slot size, slot count, capacity, file length
_EPOCH = struct.Struct("<I")  # offset 64
_INSTRUMENT_COUNT = struct.Struct("<I")  # offset 84
_I64 = struct.Struct("<q")
_PUBLISHED_OFFSET = 128
# Instrument row (§3): symbol, length, scales, 5 reserved, latest snapshot.
_ROW = struct.Struct("<32sBBB5xq")
# Slot header (§4): sequence, publish time, epoch, instrument id, type, flags, payload length.
SLOT = struct.Struct("<qqIHBBH6x")
_U16 = struct.Struct("<H")
_PAYLOAD_LENGTH_OFFSET = 24
_EPOCH_OFFSET = 16


class Ring:
    """A ring file mapped read-only with a private cursor starting at its oldest record (``StartPosition.Oldest``)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._map = _map_validated(path)
        (_, _, self.header_length, self.slot_size, self.slot_count, self.capacity, _) = _GEOMETRY.unpack_from(self._map, 0)
        self._mask = self.slot_count - 1
        self._max_payload = self.slot_size - SLOT_HEADER
        self.instruments: list[tuple[str, int, int]] = []
        self.table_epoch = 0
        self._load_table()
        self.lapped = 0
        self.lost = 0
        self.epoch_changes = 0
        self._pending_lost = 0
        self._record_epoch = 0
        newest = self.published
        self.position = max(1, newest - self.slot_count + 1)

    @property
    def published(self) -> int:
        return _I64.unpack_from(self._map, _PUBLISHED_OFFSET)[0]

    def refresh_instruments(self) -> bool:
        """Loads the table of a ring opened while its writer was starting up (epoch 0 then)."""
        if self.table_epoch != 0 or _EPOCH.unpack_from(self._map, 64)[0] == 0:
            return False
        self._load_table()
        return self.table_epoch != 0

    def try_read(self):
        """The next record as ``(bytes, lost_before, is_new_epoch)``, or None when caught up (§7)."""
        while True:
            sequence = self.position
            offset = self.header_length + (sequence & self._mask) * self.slot_size
            word = _I64.unpack_from(self._map, offset)[0]
            if word != sequence:
                if abs(word) <= sequence:
                    return None
                self._on_lapped()
                continue
            length = min(_U16.unpack_from(self._map, offset + _PAYLOAD_LENGTH_OFFSET)[0], self._max_payload)
            data = self._map[offset : offset + SLOT_HEADER + length]
            # The copy is whole only if the slot still holds our sequence (x86 keeps loads in order; CPython's
            # slice copy completes before this load is issued).
            if _I64.unpack_from(self._map, offset)[0] != sequence:
                self._on_lapped()
                continue
            self.position = sequence + 1
            is_new_epoch = False
            epoch = _EPOCH.unpack_from(data, _EPOCH_OFFSET)[0]
            if epoch != self._record_epoch:
                is_new_epoch = self._on_epoch_changed(epoch)
            lost, self._pending_lost = self._pending_lost, 0
            return data, lost, is_new_epoch

    def close(self) -> None:
        self._map.close()

    def _on_lapped(self) -> None:
        """Resume at the oldest of the instruments' newest snapshots still in the ring, else the newest record."""
        newest = self.published
        snapshot = self._oldest_newest_snapshot(newest - self.slot_count + 2)
        resume = snapshot if snapshot > self.position else max(newest, self.position + 1)
        lost = resume - self.position
        self.lapped += 1
        self.lost += lost
        self._pending_lost += lost
        self.position = resume

    def _on_epoch_changed(self, epoch: int) -> bool:
        is_change = self._record_epoch != 0
        self._record_epoch = epoch
        if is_change:
            self.epoch_changes += 1
        if self.table_epoch != epoch:
            self._load_table()
        return is_change

    def _oldest_newest_snapshot(self, oldest_safe: int) -> int:
        count = min(max(_INSTRUMENT_COUNT.unpack_from(self._map, 84)[0], 0), self.capacity)
        resume = 0
        for row in range(count):
            snapshot = _ROW.unpack_from(self._map, HEADER_BASE + INSTRUMENT_ROW * row)[4]
            if snapshot >= oldest_safe and snapshot > 0 and (resume == 0 or snapshot < resume):
                resume = snapshot
        return resume

    def _load_table(self) -> None:
        """A seqlock on the epoch (§8): retry when a writer restarted while the table was read."""
        while True:
            before = _EPOCH.unpack_from(self._map, 64)[0]
            if before == 0:
                self.instruments, self.table_epoch = [], 0
                return
            count = min(max(_INSTRUMENT_COUNT.unpack_from(self._map, 84)[0], 0), self.capacity)
            table = []
            for row in range(count):
                symbol, length, price_scale, size_scale, _ = _ROW.unpack_from(self._map, HEADER_BASE + INSTRUMENT_ROW * row)
                table.append((symbol[: min(length, 32)].decode("utf-8", "replace"), price_scale, size_scale))
            if _EPOCH.unpack_from(self._map, 64)[0] == before:
                self.instruments, self.table_epoch = table, before
                return


def _map_validated(path: str) -> mmap.mmap:
    """Opens and maps a ring read-only after checking it is one this reader understands (§9)."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise RingNotFoundError(f"a ring file must exist before it is read: path={path} (start its collector first)") from None
    except PermissionError:
        raise RingPermissionError(f"a ring is readable by its writer's group (mode 0640): path={path} (run as a member of the collector's group)") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise BadRingFileError(f"a ring is a regular file: path={path} (point at the collector's .ring file)")
        if info.st_size < HEADER_BASE:
            raise BadRingFileError(f"a ring is at least its 512-byte header: path={path}, length={info.st_size} (the writer is still creating it, or it is not a ring)")
        ring = mmap.mmap(descriptor, info.st_size, mmap.MAP_SHARED, mmap.PROT_READ)
    finally:
        os.close(descriptor)
    magic, version, header_length, slot_size, slot_count, capacity, file_length = _GEOMETRY.unpack_from(ring, 0)
    problem = None
    if magic != MAGIC:
        problem = BadRingFileError(f"a ring starts with the magic 'APSHMRNG': path={path}, magic=0x{magic:016X} (not a ring, or its writer is still creating it)")
    elif version != VERSION:
        fix = "stop its writer, delete the file, start this build's writer" if version < VERSION else "upgrade this reader"
        problem = WrongVersionError(f"a ring's format version must be {VERSION}: path={path}, version={version} ({fix})")
    elif not (MIN_SLOT_SIZE <= slot_size <= MAX_SLOT_SIZE and slot_size % 64 == 0 and MIN_SLOT_COUNT <= slot_count <= MAX_SLOT_COUNT
              and slot_count & (slot_count - 1) == 0 and 1 <= capacity <= 65535 and header_length == HEADER_BASE + INSTRUMENT_ROW * capacity):
        problem = BadRingFileError(f"a ring's geometry must follow docs/shm-format.md §2: path={path}, slotSize={slot_size}, slotCount={slot_count}, capacity={capacity}, headerLength={header_length} (recreate the ring with its writer)")
    elif not (info.st_size == file_length == header_length + slot_count * slot_size):
        problem = BadRingFileError(f"a ring's length is its header plus its slots: path={path}, length={info.st_size}, declared={file_length}, geometry={header_length + slot_count * slot_size} (recreate the ring with its writer)")
    if problem is not None:
        ring.close()
        raise problem
    return ring
