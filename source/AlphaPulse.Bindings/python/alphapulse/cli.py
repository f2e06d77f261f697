"""``python3 -m alphapulse stat|tail|book``: inspect an exchange's rings from a shell (``--json`` for machines)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from decimal import Decimal

from .errors import AlphaPulseError
from .reader import Reader
from .records import BookDelta, BookReset, Trade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python3 -m alphapulse", description="Inspect AlphaPulse shared-memory rings.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--exchange", required=True, help="exchange whose rings <exchange>-<replica>.ring to read")
    common.add_argument("--path", help="ring directory (default: $SHARED_MEMORY_PATH or /dev/shm/alphapulse)")
    common.add_argument("--backend", choices=["native", "pure"], help="force a backend (default: native, pure if the library is missing or ALPHAPULSE_PURE=1)")
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("stat", parents=[common], help="read everything available, then print the counters and symbols")
    tail = commands.add_parser("tail", parents=[common], help="print events: those available now, or --follow for more")
    tail.add_argument("--symbol", action="append", help="only this symbol (repeatable)")
    tail.add_argument("--count", type=int, default=0, help="stop after this many events (0: no limit)")
    tail.add_argument("--follow", type=float, default=0.0, metavar="SECONDS", help="keep waiting for events until none came for this long")
    book = commands.add_parser("book", parents=[common], help="read everything available, then print a symbol's merged book")
    book.add_argument("--symbol", required=True, help="the symbol, as the collector declares it (BTC-USD)")
    book.add_argument("--depth", type=int, default=10, help="levels per side (default 10)")
    return parser


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _event_line(event) -> str:
    if isinstance(event, Trade):
        return f"trade    {event.symbol} {event.side:<7} {event.size_fixed}@{event.price_fixed} id={event.trade_id}"
    if isinstance(event, BookDelta):
        levels = " ".join(f"{'b' if side == 'bids' else 'a'}{lv.price_fixed}:{lv.size_fixed}" for side in ("bids", "asks") for lv in getattr(event, side))
        return f"{event.kind:<8} {event.symbol} seq={event.sequence} {levels}"
    assert isinstance(event, BookReset)
    return f"reset    {event.symbol}"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = sys.stdout
    try:
        with Reader(args.exchange, symbols=getattr(args, "symbol", None) if args.command == "tail" else None, path=args.path, backend=args.backend) as reader:
            if args.command == "stat":
                reader.drain()
                stats = dataclasses.asdict(reader.stats())
                if args.json:
                    json.dump({"exchange": args.exchange, "path": reader.path, "symbols": reader.symbols, "stats": stats}, out)
                    out.write("\n")
                else:
                    out.write(f"{args.exchange} in {reader.path} ({reader.backend}): symbols {', '.join(reader.symbols)}\n")
                    for key, value in stats.items():
                        out.write(f"  {key:<11} {value}\n")
            elif args.command == "tail":
                events = reader.follow(timeout=args.follow) if args.follow > 0 else iter(reader)
                for n, event in enumerate(events, start=1):
                    out.write(json.dumps({"type": type(event).__name__, **_plain(event)}) + "\n" if args.json else _event_line(event) + "\n")
                    if args.count and n >= args.count:
                        break
            else:
                reader.drain()
                book = reader.book(args.symbol, args.depth)
                if args.json:
                    json.dump({**book.to_dict(), "mid": book.mid, "spread": book.spread}, out)
                    out.write("\n")
                else:
                    out.write(f"{args.exchange} {book.symbol} valid={book.valid} seq={book.sequence} mid={book.mid} spread={book.spread}\n")
                    for i in range(max(len(book.bids), len(book.asks))):
                        bid = f"{book.bids[i].size} @ {book.bids[i].price}" if i < len(book.bids) else ""
                        ask = f"{book.asks[i].price} x {book.asks[i].size}" if i < len(book.asks) else ""
                        out.write(f"  {bid:>32} | {ask}\n")
    except AlphaPulseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
