"""Every refusal the bindings make, through both backends: a missing ring, a wrong format version, a bad file, an
unknown symbol, a closed reader, bad arguments, a missing library; and a lapped reader, which is counted, not refused."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest
from alphapulse import (BadRingFileError, InvalidArgumentError, LibraryNotFoundError, Reader, ReaderClosedError, RingNotFoundError,
                        Trade, UnknownSymbolError, WrongVersionError)
from alphapulse._native import load_library

from conftest import PACKAGE


def copy_ring(edge, ring_dir, name="edge-a.ring"):
    source, _, _ = edge
    target = ring_dir / name
    target.write_bytes((source / "edge-a.ring").read_bytes())
    return target


def test_missing_ring_should_name_the_exchange_and_directory(ring_dir, backend):
    with pytest.raises(RingNotFoundError) as error:
        Reader("kraken", path=ring_dir, backend=backend)
    assert "exchange='kraken'" in str(error.value) and str(ring_dir) in str(error.value) and "rings=0" in str(error.value)
    with pytest.raises(RingNotFoundError):
        Reader("kraken", path=ring_dir / "absent", backend=backend)


def test_wrong_format_version_should_be_refused_with_the_fix(edge, ring_dir, backend):
    ring = copy_ring(edge, ring_dir)
    with open(ring, "r+b") as f:
        f.seek(8)
        f.write(struct.pack("<I", 2))
    with pytest.raises(WrongVersionError) as error:
        Reader("edge", path=ring_dir, backend=backend)
    message = str(error.value)
    assert "2" in message and "3" in message and str(ring) in message and "delete" in message


def test_a_file_that_is_not_a_ring_should_be_refused(edge, ring_dir, backend):
    ring = copy_ring(edge, ring_dir)
    with open(ring, "r+b") as f:
        f.write(b"NOTARING")
    with pytest.raises(BadRingFileError) as error:
        Reader("edge", path=ring_dir, backend=backend)
    assert str(ring) in str(error.value)
    ring.write_bytes(b"")
    with pytest.raises(BadRingFileError):
        Reader("edge", path=ring_dir, backend=backend)


def test_unknown_symbol_should_name_the_known_symbols(edge, backend):
    path, exchange, _ = edge
    with pytest.raises(UnknownSymbolError) as error:
        Reader(exchange, symbols=["BTC-USD"], path=path, backend=backend)
    assert "symbol='BTC-USD'" in str(error.value) and "EDGE-USD" in str(error.value)
    with Reader(exchange, path=path, backend=backend) as reader:
        with pytest.raises(UnknownSymbolError):
            reader.book("BTC-USD")
        with pytest.raises(UnknownSymbolError):
            reader.book(99)
        with pytest.raises(UnknownSymbolError) as by_id:
            reader._backend.book(99, 1)
        assert "symbol=99" in str(by_id.value) and "symbols=4" in str(by_id.value)


def test_closed_reader_should_refuse_every_call(edge, backend):
    path, exchange, _ = edge
    reader = Reader(exchange, path=path, backend=backend)
    reader.close()
    for call in (lambda: reader.read_batch(1), lambda: reader.book("EDGE-USD"), reader.stats, lambda: reader.symbols):
        with pytest.raises(ReaderClosedError):
            call()


def test_bad_arguments_should_be_refused(edge, backend):
    path, exchange, _ = edge
    with pytest.raises(InvalidArgumentError):
        Reader(exchange, path=path, backend=backend, batch_size=0)
    with pytest.raises(InvalidArgumentError):
        Reader(exchange, path=path, backend="fast")
    with pytest.raises(InvalidArgumentError):
        Reader(exchange, path=path, backend=backend, stale_after=-1)
    with Reader(exchange, path=path, backend=backend) as reader:
        with pytest.raises(InvalidArgumentError):
            reader.book("EDGE-USD", depth=-1)
        with pytest.raises(InvalidArgumentError):
            reader.read_batch(-5)


def test_lapped_reader_should_count_every_lost_record(ring_dir, writer, backend):
    count = 1000
    w = writer("lap", ring_dir / "lap-a.ring", count)
    w.expect("ready")
    with Reader("lap", path=ring_dir, backend=backend) as reader:
        w.go()
        w.expect("done")
        w.wait()
        trades = [e for e in reader if isinstance(e, Trade)]
        stats = reader.stats()
    assert stats.lapped >= 1 and stats.lost > 0
    assert len(trades) + stats.lost == count, "every record is either delivered or counted lost"
    ids = [t.trade_id for t in trades]
    assert ids == sorted(ids) and ids[-1] == count


def test_missing_library_should_name_where_it_looked_and_the_fix(tmp_path):
    with pytest.raises(LibraryNotFoundError) as error:
        load_library(tmp_path / "libalphapulse.so")
    assert "./build.sh Compile" in str(error.value) and "ALPHAPULSE_PURE=1" in str(error.value)


def run_python(code: str, **env: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(PACKAGE), **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_reader_should_fall_back_to_pure_python_without_the_library(edge):
    path, exchange, _ = edge
    code = f"import alphapulse; print(alphapulse.Reader({exchange!r}, path={str(path)!r}).backend)"
    assert run_python(code, ALPHAPULSE_LIB="/nonexistent/libalphapulse.so") == "pure"
    assert run_python(code, ALPHAPULSE_PURE="1") == "pure"
    assert run_python(code) == "native"
    forced = f"import alphapulse\ntry:\n    alphapulse.Reader({exchange!r}, path={str(path)!r}, backend='native')\nexcept alphapulse.LibraryNotFoundError as e:\n    print('refused', '/nonexistent' in str(e))"
    assert run_python(forced, ALPHAPULSE_LIB="/nonexistent/libalphapulse.so") == "refused True"


def test_reader_dropped_without_close_should_release_its_handle(edge, backend):
    import gc

    path, exchange, _ = edge
    reader = Reader(exchange, path=path, backend=backend)
    inner = reader._backend
    del reader
    gc.collect()
    with pytest.raises(ReaderClosedError):
        inner.stats()
