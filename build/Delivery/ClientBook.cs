using System.Globalization;
using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// A book as a WebSocket client keeps it: levels from a snapshot, then each delta's levels set (size 0
/// removes one). Exact decimals, as the protocol sends them. Thread-safe: one writer, readers copy.
/// </summary>
internal sealed class ClientBook
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, decimal> _asks = [];

    public void Clear()
    {
        lock (_gate)
        {
            _bids.Clear();
            _asks.Clear();
        }
    }

    public void Apply(JsonElement bids, JsonElement asks)
    {
        lock (_gate)
        {
            Apply(_bids, bids);
            Apply(_asks, asks);
        }
    }

    public (IReadOnlyList<(decimal Price, decimal Size)> Bids, IReadOnlyList<(decimal Price, decimal Size)> Asks) Copy()
    {
        lock (_gate)
        {
            return ([.. _bids.Select(level => (level.Key, level.Value))], [.. _asks.Select(level => (level.Key, level.Value))]);
        }
    }

    /// <summary>
    /// Parses a level array: <c>[["price","size"],…]</c> as the server and most venues write it, or
    /// <c>[{"price":p,"qty":q},…]</c> as Kraken v2 (and so the simulator's Kraken truth) does.
    /// </summary>
    public static IEnumerable<(decimal Price, decimal Size)> Levels(JsonElement levels) =>
        levels.EnumerateArray().Select(level => level.ValueKind == JsonValueKind.Object
            ? (Number(level.GetProperty("price")), Number(level.GetProperty("qty")))
            : (Number(level[0]), Number(level[1])));

    private static void Apply(SortedDictionary<decimal, decimal> side, JsonElement levels)
    {
        foreach (var (price, size) in Levels(levels))
        {
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

    private static decimal Number(JsonElement value) =>
        decimal.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
