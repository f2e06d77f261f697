using System.Text.Json;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>
/// A deliberately simple local order book that follows Binance's "How to manage a local order book
/// correctly" (web-socket-streams.md): snapshot, drop events with u ≤ lastUpdateId, the first applied
/// event must straddle lastUpdateId + 1, then each U must be the previous u + 1; quantities are absolute
/// and zero removes. Prices are compared as decimal text, exactly as sent.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly SortedDictionary<decimal, string> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<decimal, string> _asks = [];
    private readonly Dictionary<decimal, string> _priceText = [];
    private bool _synchronised;

    public long LastUpdateId { get; private set; }

    public void LoadSnapshot(JsonElement snapshot)
    {
        LastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64();
        Load(_bids, snapshot.GetProperty("bids"));
        Load(_asks, snapshot.GetProperty("asks"));
    }

    /// <summary>Applies one depthUpdate; false when the event is stale (dropped); throws on a gap.</summary>
    public bool Apply(JsonElement update)
    {
        var first = update.GetProperty("U").GetInt64();
        var last = update.GetProperty("u").GetInt64();
        if (last <= LastUpdateId)
        {
            return false;
        }
        var expected = LastUpdateId + 1;
        if (_synchronised ? first != expected : first > expected)
        {
            throw new InvalidOperationException($"gap: U={first} after book id {LastUpdateId}");
        }
        _synchronised = true;
        Load(_bids, update.GetProperty("b"));
        Load(_asks, update.GetProperty("a"));
        LastUpdateId = last;
        return true;
    }

    public string[][] Bids => Levels(_bids);

    public string[][] Asks => Levels(_asks);

    private string[][] Levels(SortedDictionary<decimal, string> side) =>
        side.Select(p => new[] { _priceText[p.Key], p.Value }).ToArray();

    private void Load(SortedDictionary<decimal, string> side, JsonElement levels)
    {
        foreach (var level in levels.EnumerateArray())
        {
            var text = level[0].GetString()!;
            var price = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            var quantity = level[1].GetString()!;
            if (decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = quantity;
                _priceText[price] = text;
            }
        }
    }

    public static string[][] LevelsOf(JsonElement levels) =>
        levels.EnumerateArray().Select(l => new[] { l[0].GetString()!, l[1].GetString()! }).ToArray();
}
