"""Errors of the bindings, one class per thing that went wrong (codes: alphapulse.h ``AP_ERR_*``)."""

from __future__ import annotations


class AlphaPulseError(Exception):
    """Base of every error the bindings raise; ``code`` is the C ABI's ``AP_ERR_*`` value."""

    code = -8


class InvalidArgumentError(AlphaPulseError, ValueError):
    """A bad argument (empty exchange, negative count)."""

    code = -1


class RingNotFoundError(AlphaPulseError, FileNotFoundError):
    """The exchange has no ring ``<exchange>-<replica>.ring`` in the directory."""

    code = -2


class RingPermissionError(AlphaPulseError, PermissionError):
    """A ring's mode bits deny this process (rings are 0640: join the collector's group)."""

    code = -3


class BadRingFileError(AlphaPulseError):
    """Not a ring: wrong magic, length or geometry, or not a regular file."""

    code = -4


class WrongVersionError(AlphaPulseError):
    """A ring of another format version (this build reads version 3)."""

    code = -5


class UnknownSymbolError(AlphaPulseError, KeyError):
    """A symbol no ring of the exchange declares."""

    code = -6

    def __str__(self) -> str:  # KeyError quotes its argument; the message reads better plain.
        return str(self.args[0]) if self.args else ""


class ReaderClosedError(AlphaPulseError):
    """The reader was closed (or its handle is not one the library issued)."""

    code = -7


class LibraryNotFoundError(AlphaPulseError, OSError):
    """libalphapulse.so was not found or does not match this package's ABI."""

    code = -8


_BY_CODE = {cls.code: cls for cls in (InvalidArgumentError, RingNotFoundError, RingPermissionError, BadRingFileError, WrongVersionError, UnknownSymbolError, ReaderClosedError)}


def error_for(code: int, message: str) -> AlphaPulseError:
    """The exception for a C ABI return code."""
    return _BY_CODE.get(code, AlphaPulseError)(message)
