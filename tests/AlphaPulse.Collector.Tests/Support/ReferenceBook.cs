using System.Globalization;
using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>
/// A test's own model of an exchange book in wire text (prices with 2 decimals, quantities with 8): levels set in
/// wire order, optional truncation to a depth, and Kraken's checksum of the result. Single-threaded test helper.
/// </summary>
internal sealed class ReferenceBook(int depth = int.MaxValue)
{
    private readonly SortedDictionary<int, int> _bids = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<int, int> _asks = new();

    public static string Price(int cents) => (cents / 100).ToString(CultureInfo.InvariantCulture) + "." + (cents % 100).ToString("D2", CultureInfo.InvariantCulture);

    public static string Quantity(int units) => units.ToString(CultureInfo.InvariantCulture) + ".00000000";

    /// <summary>Sets a level (0 removes), then truncates both sides to the depth.</summary>
    public void Set(bool bid, int cents, int units)
    {
        var side = bid ? _bids : _asks;
        if (units == 0)
        {
            _ = side.Remove(cents);
        }
        else
        {
            side[cents] = units;
        }
        Truncate(_bids);
        Truncate(_asks);
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    public (string, string)[] Levels(bool bid) => [.. (bid ? _bids : _asks).Select(l => (Price(l.Key), Quantity(l.Value)))];

    public uint Checksum => KrakenChecksum.Compute(Levels(bid: false), Levels(bid: true));

    private void Truncate(SortedDictionary<int, int> side)
    {
        while (side.Count > depth)
        {
            _ = side.Remove(side.Keys.Last());
        }
    }
}
