using System.Globalization;
using System.Text;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// A seeded random book for the Coinbase and Kraken recordings: prices in cents (2 decimals), sizes in 1e-8 lots
/// (8 decimals), ~<c>levels</c> a side around a random-walking mid; each message changes 1–6 levels, most near the
/// top, a fifth of them removals, and a level through the opposite best removes what it crossed in the same
/// message (as real books do). Keeps its own state so a recording can carry checksums. Single-threaded.
/// </summary>
internal sealed class SyntheticBook
{
    private readonly Random _random;
    private readonly int _levels;
    private long _mid = 6_701_234;

    public SyntheticBook(int seed, int levels)
    {
        _random = new Random(seed);
        _levels = levels;
        for (var i = 1; i <= levels; i++)
        {
            Bids[_mid - i] = NextSize();
            Asks[_mid + i] = NextSize();
        }
    }

    /// <summary>Bids, best (highest) first: price cents → size lots.</summary>
    public SortedDictionary<long, long> Bids { get; } = new(Comparer<long>.Create(static (a, b) => b.CompareTo(a)));

    /// <summary>Asks, best (lowest) first.</summary>
    public SortedDictionary<long, long> Asks { get; } = new();

    public Random Random => _random;

    /// <summary>One message's changes, in wire order, applied to the book (size 0 = removed).</summary>
    public List<(bool Bid, long Price, long Size)> Next()
    {
        var changes = new List<(bool, long, long)>();
        _mid += _random.Next(3) - 1;
        for (int i = 0, n = _random.Next(1, 7); i < n; i++)
        {
            var bid = _random.Next(2) == 0;
            var offset = 1 + (int)Math.Min(_levels * 1.2, -Math.Log(1 - _random.NextDouble()) * 25);
            var price = bid ? _mid - offset : _mid + offset;
            var (side, other) = bid ? (Bids, Asks) : (Asks, Bids);
            if (_random.Next(5) == 0 && side.Remove(price))
            {
                changes.Add((bid, price, 0));
                continue;
            }
            var size = NextSize();
            side[price] = size;
            changes.Add((bid, price, size));
            while (other.Count > 0 && (bid ? other.First().Key <= price : other.First().Key >= price))
            {
                var crossed = other.First().Key;
                _ = other.Remove(crossed);
                changes.Add((!bid, crossed, 0));
            }
        }
        return changes;
    }

    /// <summary>Drops levels beyond <paramref name="depth"/> a side (what a Kraken client does after each message).</summary>
    public void TruncateTo(int depth)
    {
        foreach (var side in (SortedDictionary<long, long>[])[Bids, Asks])
        {
            while (side.Count > depth)
            {
                _ = side.Remove(side.Keys.Last());
            }
        }
    }

    public long NextSize() => _random.Next(1, 500_000) * 100L;

    public static string Price(long cents) => (cents / 100).ToString(CultureInfo.InvariantCulture) + "." + (cents % 100).ToString("D2", CultureInfo.InvariantCulture);

    public static string Size(long lots) => (lots / 100_000_000).ToString(CultureInfo.InvariantCulture) + "." + (lots % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    public static StringBuilder AppendSeparated(StringBuilder text, ref bool first)
    {
        if (!first)
        {
            _ = text.Append(',');
        }
        first = false;
        return text;
    }
}
