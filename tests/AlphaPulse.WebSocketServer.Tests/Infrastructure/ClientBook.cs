using System.Globalization;
using System.Text.Json;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>What a client does with book messages: apply the snapshot, then deltas (size 0 removes), checking sequence continuity.</summary>
internal sealed class ClientBook
{
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = new();

    public long Seq { get; private set; } = -1;

    public int Gaps { get; private set; }

    public int Snapshots { get; private set; }

    public void Apply(Frame frame)
    {
        var type = frame.Type;
        var seq = frame.Seq;
        if (type == "book_snapshot")
        {
            Snapshots++;
            _bids.Clear();
            _asks.Clear();
        }
        else if (Seq >= 0 && seq != Seq + 1)
        {
            Gaps++;
        }

        Seq = seq;
        Apply(_bids, frame.Json.GetProperty("bids"));
        Apply(_asks, frame.Json.GetProperty("asks"));
    }

    /// <summary>The top <paramref name="depth"/> of both sides, best first.</summary>
    public (decimal Price, decimal Size)[] Top(bool bids, int depth) =>
        [.. (bids ? _bids : _asks).Take(depth).Select(level => (level.Key, level.Value))];

    /// <summary>The expected top from the model book the test keeps alongside the ring writer.</summary>
    public static (decimal Price, decimal Size)[] Top(OrderBook book, BookSide side, int depth)
    {
        var levels = new PriceLevel[depth];
        var count = book.CopyTop(side, levels);
        return [.. levels.Take(count).Select(level => (level.Price / 100m, level.Size / 10_000m))];
    }

    private static void Apply(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var price = decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
            var size = decimal.Parse(level[1].GetString()!, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = size;
            }
        }
    }
}
