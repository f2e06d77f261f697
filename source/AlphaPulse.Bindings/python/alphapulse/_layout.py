"""The fixed record of the C ABI (``ap_record`` in alphapulse.h), shared by the native and pure backends.

Both backends write records of exactly this layout into the same caller-owned buffer, so everything above
them (iteration, numpy views, books) is one code path.
"""

from __future__ import annotations

import ctypes
import struct

ABI_VERSION = 1

KIND_TRADE = 1
KIND_BOOK_DELTA = 2
KIND_BOOK_SNAPSHOT = 3
KIND_BOOK_RESET = 4

FLAG_BATCH_END = 1
FLAG_EVENT_END = 2
FLAG_NO_LEVEL = 4

SIDE_BID = 0
SIDE_ASK = 1


class RecordStruct(ctypes.Structure):
    """``ap_record``: 64 bytes, little-endian (alphapulse.h documents every field)."""

    _fields_ = [
        ("price", ctypes.c_int64),
        ("size", ctypes.c_int64),
        ("exchange_time", ctypes.c_int64),
        ("publish_time", ctypes.c_int64),
        ("sequence", ctypes.c_int64),
        ("trade_id", ctypes.c_uint64),
        ("receive_time", ctypes.c_int64),
        ("symbol", ctypes.c_uint16),
        ("kind", ctypes.c_uint8),
        ("side", ctypes.c_uint8),
        ("flags", ctypes.c_uint8),
        ("replica", ctypes.c_uint8),
        ("reserved", ctypes.c_uint16),
    ]


RECORD_SIZE = 64
RECORD_FIELDS = tuple(name for name, _ in RecordStruct._fields_)
RECORD_FORMAT = struct.Struct("<qqqqqQqHBBBBH")

assert ctypes.sizeof(RecordStruct) == RECORD_SIZE == RECORD_FORMAT.size


def record_dtype():  # -> numpy.dtype
    """The numpy dtype of ``ap_record`` (numpy imported only when asked for)."""
    import numpy as np

    return np.dtype(
        {
            "names": list(RECORD_FIELDS),
            "formats": ["<i8", "<i8", "<i8", "<i8", "<i8", "<u8", "<i8", "<u2", "u1", "u1", "u1", "u1", "<u2"],
            "offsets": [RecordStruct.__dict__[name].offset for name in RECORD_FIELDS],
            "itemsize": RECORD_SIZE,
        }
    )


def new_buffer(capacity: int) -> ctypes.Array:
    """A caller-owned array of ``capacity`` records, the buffer both backends read into."""
    return (RecordStruct * capacity)()
