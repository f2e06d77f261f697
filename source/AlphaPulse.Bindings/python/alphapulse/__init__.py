"""AlphaPulse's Python bindings: the shared-memory market-data rings, read through libalphapulse.so (NativeAOT, ctypes)
or in pure Python (``ALPHAPULSE_PURE=1``, or when the library is missing).

    from alphapulse import Reader
    with Reader(exchange="binance", symbols=["BTCUSDT"]) as reader:
        for event in reader.follow(timeout=5):
            print(event)
        print(reader.book("BTCUSDT").mid, reader.stats())
"""

from .arbitrage import ArbitrageDetector, Opportunity
from .book import OrderBook
from .errors import (AlphaPulseError, BadRingFileError, InvalidArgumentError, LibraryNotFoundError, ReaderClosedError,
                     RingNotFoundError, RingPermissionError, UnknownSymbolError, WrongVersionError)
from .reader import Reader
from .records import BookDelta, BookReset, Instrument, Level, Stats, Trade

# The seed's class names (module alphapulse_rust), kept so its users find them.
PySharedMemoryReader = Reader
PyOrderBookReconstructor = OrderBook
PyArbitrageDetector = ArbitrageDetector

__all__ = [
    "AlphaPulseError", "ArbitrageDetector", "BadRingFileError", "BookDelta", "BookReset", "Instrument", "InvalidArgumentError",
    "Level", "LibraryNotFoundError", "Opportunity", "OrderBook", "PyArbitrageDetector", "PyOrderBookReconstructor",
    "PySharedMemoryReader", "Reader", "ReaderClosedError", "RingNotFoundError", "RingPermissionError", "Stats", "Trade",
    "UnknownSymbolError", "WrongVersionError",
]
