"""``python3 -m alphapulse stat|tail|book`` as a user runs it, text and --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import PACKAGE


def cli(*args: str, backend: str = "native") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "alphapulse", *args, "--backend", backend], env={**os.environ, "PYTHONPATH": str(PACKAGE)},
                          capture_output=True, text=True, timeout=60)


def test_stat_should_print_counters_and_symbols(edge, backend):
    path, exchange, _ = edge
    result = cli("stat", "--exchange", exchange, "--path", str(path), "--json", backend=backend)
    assert result.returncode == 0, result.stderr
    stat = json.loads(result.stdout)
    assert stat["symbols"] == ["EDGE-USD", "SEQ-USDT", "EMPTY-USD", "EXTREME-USD"]
    assert stat["stats"]["epochs"] == 1 and stat["stats"]["duplicates"] == 2 and stat["stats"]["backend"] == backend
    text = cli("stat", "--exchange", exchange, "--path", str(path), backend=backend)
    assert "EDGE-USD" in text.stdout and "epochs" in text.stdout


def test_tail_should_print_events_as_json_lines(edge, backend):
    path, exchange, _ = edge
    result = cli("tail", "--exchange", exchange, "--path", str(path), "--json", "--count", "3", "--symbol", "EXTREME-USD", backend=backend)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["type"], e["trade_id"], e["price_fixed"]) for e in lines] == [("Trade", 1, -(2**63)), ("Trade", 2, 2**63 - 1), ("Trade", 3, -1)]
    text = cli("tail", "--exchange", exchange, "--path", str(path), "--count", "1", backend=backend)
    assert text.stdout.startswith("snapshot EDGE-USD")


def test_book_should_print_the_merged_book(edge, backend):
    path, exchange, _ = edge
    result = cli("book", "--exchange", exchange, "--path", str(path), "--symbol", "EDGE-USD", "--depth", "1", "--json", backend=backend)
    assert result.returncode == 0, result.stderr
    book = json.loads(result.stdout)
    assert book["bids"] == [[60, 1]] and book["asks"] == [[62, 2]] and book["bid_count"] == 2 and book["valid"]
    text = cli("book", "--exchange", exchange, "--path", str(path), "--symbol", "EDGE-USD", backend=backend)
    assert "valid=True" in text.stdout and "|" in text.stdout


def test_errors_should_exit_2_with_the_message(edge, ring_dir, backend):
    path, exchange, _ = edge
    unknown = cli("book", "--exchange", exchange, "--path", str(path), "--symbol", "BTC-USD", backend=backend)
    assert unknown.returncode == 2 and "symbol='BTC-USD'" in unknown.stderr
    missing = cli("stat", "--exchange", "kraken", "--path", str(ring_dir), backend=backend)
    assert missing.returncode == 2 and "exchange='kraken'" in missing.stderr
