using System.Globalization;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// The writer of the lapped-reader book test: several instruments' books changed by seeded random
/// deltas (some longer than one slot), with periodic snapshots in rotation. Protocol on stdout/stdin:
/// "ready" → waits "go" → phase 1 (deltas and rotating snapshots) → "phase1" → waits "go2" → phase 2:
/// a filler longer than the ring with no snapshot at all (any reader not reading meanwhile is lapped),
/// then one final snapshot of every instrument, staggered among deltas, and a short tail of deltas,
/// all within one ring → heartbeat −1 → "book ID TEXT" per instrument → "done". Single-threaded.
/// </summary>
public static class BookScript
{
    public const int Instruments = 4;
    public const int SlotSize = 256;
    private const int BidLow = 1000;
    private const int AskLow = 1020;
    private const int Band = 20;

    public static int Run(string path, int slotCount)
    {
        var options = new RingOptions
        {
            SlotSize = SlotSize,
            SlotCount = slotCount,
            Instruments = [.. Enumerable.Range(0, Instruments).Select(i => new InstrumentSpec($"BOOK-{i}", 0, 0))],
        };
        using var writer = RingWriter.Open(path, options);
        var books = Enumerable.Range(0, Instruments).Select(_ => (Bids: new SortedDictionary<long, long>(), Asks: new SortedDictionary<long, long>())).ToArray();
        var random = new Random(13);
        Console.WriteLine("ready");
        _ = Console.ReadLine();

        for (var step = 0; step < 20_000; step++)
        {
            Delta(writer, books, random);
            if (step % 60 == 0)
            {
                Snapshot(writer, books, (step / 60) % Instruments);
            }
        }

        Console.WriteLine("phase1");
        _ = Console.ReadLine();
        var fillerEnd = writer.LastSequence + slotCount + 64;
        while (writer.LastSequence < fillerEnd)
        {
            Delta(writer, books, random);
        }

        for (var id = 0; id < Instruments; id++)
        {
            Snapshot(writer, books, id);
            for (var i = 0; i < 20; i++)
            {
                Delta(writer, books, random);
            }
        }

        _ = writer.PublishHeartbeat(-1);
        for (var id = 0; id < Instruments; id++)
        {
            Console.WriteLine($"book {id} {Describe(books[id].Bids, books[id].Asks)}");
        }

        Console.WriteLine("done");
        return 0;
    }

    /// <summary>The text both sides compare: "b:price×size,…;a:price×size,…" in price order.</summary>
    public static string Describe(IEnumerable<KeyValuePair<long, long>> bids, IEnumerable<KeyValuePair<long, long>> asks) =>
        "b:" + string.Join(',', bids.OrderBy(level => level.Key).Select(level => string.Create(CultureInfo.InvariantCulture, $"{level.Key}x{level.Value}")))
        + ";a:" + string.Join(',', asks.OrderBy(level => level.Key).Select(level => string.Create(CultureInfo.InvariantCulture, $"{level.Key}x{level.Value}")));

    private static void Delta(RingWriter writer, (SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks)[] books, Random random)
    {
        var id = random.Next(Instruments);
        var count = random.Next(100) < 10 ? random.Next(13, 30) : random.Next(1, 4);
        var bids = new List<PriceLevel>();
        var asks = new List<PriceLevel>();
        for (var i = 0; i < count; i++)
        {
            var isBid = random.Next(2) == 0;
            var level = new PriceLevel((isBid ? BidLow : AskLow) + random.Next(Band), random.Next(4));
            (isBid ? bids : asks).Add(level);
            var side = isBid ? books[id].Bids : books[id].Asks;
            if (level.Size == 0)
            {
                _ = side.Remove(level.Price);
            }
            else
            {
                side[level.Price] = level.Size;
            }
        }

        _ = writer.PublishBookDelta((ushort)id, 0, 0, bids.ToArray(), asks.ToArray(), RecordFlags.BatchEnd);
    }

    private static void Snapshot(RingWriter writer, (SortedDictionary<long, long> Bids, SortedDictionary<long, long> Asks)[] books, int id)
    {
        var bids = books[id].Bids.Select(level => new PriceLevel(level.Key, level.Value)).ToArray();
        var asks = books[id].Asks.Select(level => new PriceLevel(level.Key, level.Value)).ToArray();
        _ = writer.PublishBookSnapshot((ushort)id, 0, 0, bids, asks);
    }
}
