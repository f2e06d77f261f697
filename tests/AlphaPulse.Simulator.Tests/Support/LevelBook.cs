using System.Globalization;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>
/// A price-level book keyed by decimal price and holding the quantities as the venue wrote them, for the
/// Coinbase and Kraken reference appliers: absolute quantities, zero removes, optional truncation to depth.
/// </summary>
internal sealed class LevelBook
{
    private readonly SortedDictionary<decimal, (string Price, string Quantity)> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, (string Price, string Quantity)> _asks = [];

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    public void Set(bool bid, string price, string quantity)
    {
        var side = bid ? _bids : _asks;
        var key = decimal.Parse(price, CultureInfo.InvariantCulture);
        if (decimal.Parse(quantity, CultureInfo.InvariantCulture) == 0)
        {
            side.Remove(key);
        }
        else
        {
            side[key] = (price, quantity);
        }
    }

    /// <summary>Kraken: "after each update, the book should be truncated to your subscribed depth".</summary>
    public void Truncate(int depth)
    {
        foreach (var side in new[] { _bids, _asks })
        {
            while (side.Count > depth)
            {
                side.Remove(side.Keys.Last());
            }
        }
    }

    public (string Price, string Quantity)[] Bids => [.. _bids.Values];

    public (string Price, string Quantity)[] Asks => [.. _asks.Values];
}
