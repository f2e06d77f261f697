using System.Text.Json;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings.TestWriter;

/// <summary>
/// Every record type with edge values, for the cross-language tests: snapshots and deltas spanning several
/// records, negative and maximal prices, an empty book, deltas before any snapshot and after a reset (ignored),
/// duplicate trade ids and book sequences (dropped), a heartbeat, and a writer restart mid-stream. Prints what a
/// reader must deliver as one <c>expected {json}</c> line: the trades, and the final book of every symbol.
/// </summary>
internal static class EdgeScenario
{
    private const ushort Edge = 0;
    private const ushort Sequenced = 1;
    private const ushort Empty = 2;
    private const ushort Extremes = 3;

    private static readonly RingOptions Options = new()
    {
        SlotSize = 256,
        SlotCount = 1024,
        Instruments =
        [
            new InstrumentSpec("EDGE-USD", 8, 8),
            new InstrumentSpec("SEQ-USDT", 2, 3),
            new InstrumentSpec("EMPTY-USD", 0, 0),
            new InstrumentSpec("EXTREME-USD", 18, 18),
        ],
    };

    public static void Run(string path)
    {
        var trades = new List<Trade>();
        var writer = RingWriter.Open(path, Options);

        // Epoch 1. A delta before any snapshot has no book to apply to.
        _ = writer.PublishBookDelta(Edge, 1, 0, [new(5, 1)], [], RecordFlags.BatchEnd);
        PriceLevel[] bids = [.. Enumerable.Range(0, 15).Select(i => new PriceLevel(5 - i, 1_000 + i))];
        PriceLevel[] asks = [.. Enumerable.Range(0, 15).Select(i => new PriceLevel(6 + i, 2_000 + i))];
        _ = writer.PublishBookSnapshot(Edge, 2, 0, bids, asks);
        Publish(writer, trades, new Trade(Edge, 5, 3, TradeSide.Buy, 10, 3, 4));
        _ = writer.PublishBookDelta(Edge, 5, 0, [new(5, 0), new(4, 77)], [new(6, 123)], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Edge, 6, 0, [.. Enumerable.Range(0, 14).Select(i => new PriceLevel(-100 - i, 7 + i))], [.. Enumerable.Range(0, 14).Select(i => new PriceLevel(1_000 + i, 9 + i))], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Edge, 7, 0, [], [], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Edge, 8, 0, [new(-100, 0)], [], RecordFlags.None);
        _ = writer.PublishBookDelta(Edge, 9, 0, [], [new(1_000, 0)], RecordFlags.BatchEnd);

        // Sequenced (Binance-like): snapshot at 100, deltas 101, 102 (two records), a duplicate 102, then 103.
        _ = writer.PublishBookSnapshot(Sequenced, 10, 100, [new(9_999, 1), new(9_998, 2)], [new(10_001, 3)]);
        _ = writer.PublishBookDelta(Sequenced, 11, 101, [new(9_999, 5)], [], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Sequenced, 12, 102, [.. Enumerable.Range(0, 10).Select(i => new PriceLevel(9_900 - i, 1 + i))], [.. Enumerable.Range(0, 10).Select(i => new PriceLevel(10_100 + i, 1 + i))], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Sequenced, 13, 102, [new(1, 1)], [], RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Sequenced, 14, 103, [], [new(10_001, 0)], RecordFlags.BatchEnd);

        // An empty book is a snapshot with no levels.
        _ = writer.PublishBookSnapshot(Empty, 15, 0, [], []);

        // Trades at the limits of the format; a copy of id 2 is dropped.
        Publish(writer, trades, new Trade(Extremes, long.MinValue, 0, TradeSide.Unknown, 1, long.MinValue, long.MaxValue));
        Publish(writer, trades, new Trade(Extremes, long.MaxValue, long.MaxValue, TradeSide.Buy, 2, 0, -1));
        Publish(writer, trades, new Trade(Extremes, -1, 1, TradeSide.Sell, 3, 17, 18));
        _ = writer.PublishTrade(new Trade(Extremes, 42, 42, TradeSide.Sell, 2, 19, 20));
        Publish(writer, trades, new Trade(Extremes, 1, long.MaxValue, TradeSide.Buy, ulong.MaxValue, 21, 22));
        _ = writer.PublishHeartbeat(23);

        // A book reset: the book is gone, the next delta ignored, until the next snapshot.
        _ = writer.PublishBookDelta(Edge, 24, 0, [], [], RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = writer.PublishBookDelta(Edge, 25, 0, [new(3, 3)], [], RecordFlags.BatchEnd);
        _ = writer.PublishBookSnapshot(Edge, 26, 0, [new(50, 1), new(49, 2)], [new(51, 3)]);

        // The writer restarts: a new epoch; readers drop every book and wait for new snapshots.
        writer.Dispose();
        writer = RingWriter.Open(path, Options);
        Publish(writer, trades, new Trade(Edge, 52, 4, TradeSide.Sell, 11, 27, 28));
        _ = writer.PublishBookSnapshot(Edge, 29, 0, [new(60, 1)], [new(61, 1), new(62, 2)]);
        _ = writer.PublishBookDelta(Edge, 30, 0, [new(59, 9)], [new(61, 0)], RecordFlags.BatchEnd);
        _ = writer.PublishHeartbeat(31);
        writer.Dispose();

        var edge = new OrderBook();
        foreach (var (side, price, size) in new (BookSide, long, long)[] { (BookSide.Bid, 60, 1), (BookSide.Ask, 61, 1), (BookSide.Ask, 62, 2), (BookSide.Bid, 59, 9), (BookSide.Ask, 61, 0) })
        {
            _ = edge.Apply(side, price, size);
        }
        var expected = new
        {
            trades = trades.Select(t => new { symbol = Options.Instruments[t.InstrumentId].Symbol, price = t.Price, size = t.Size, side = (int)t.Side, trade_id = t.TradeId, exchange_time = t.ExchangeTime, receive_time = t.ReceiveTime }),
            books = new Dictionary<string, object?>
            {
                ["EDGE-USD"] = new { bids = Levels(edge, BookSide.Bid), asks = Levels(edge, BookSide.Ask) },
                ["SEQ-USDT"] = null,
                ["EMPTY-USD"] = null,
                ["EXTREME-USD"] = null,
            },
        };
        Console.WriteLine("expected " + JsonSerializer.Serialize(expected));
    }

    /// <summary>Publishes a trade a reader must deliver.</summary>
    private static void Publish(RingWriter writer, List<Trade> delivered, Trade trade)
    {
        _ = writer.PublishTrade(trade);
        delivered.Add(trade);
    }

    private static long[][] Levels(OrderBook book, BookSide side) =>
        [.. Enumerable.Range(0, book.Count(side)).Select(i => new[] { book.Level(side, i).Price, book.Level(side, i).Size })];
}
