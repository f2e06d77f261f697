using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>Writes one level the way a venue does: <c>["p","q"]</c> (Binance, Coinbase) or <c>{"price":p,"qty":q}</c> (Kraken).</summary>
internal delegate void LevelFormat(JsonText text, Instrument instrument, long priceTicks, long quantityLots);

/// <summary>JSON arrays of levels in any venue's level format: a book side's best levels (snapshots, truth) or an update's changes.</summary>
internal static class BookLevels
{
    public static void Write(JsonText text, Instrument instrument, PriceLadder side, int limit, LevelFormat format)
    {
        text.Raw("["u8);
        for (int i = 0, n = Math.Min(limit, side.Count); i < n; i++)
        {
            if (i > 0)
            {
                text.Raw(","u8);
            }
            format(text, instrument, side.PriceAt(i), side.QuantityAt(i));
        }
        text.Raw("]"u8);
    }

    /// <summary>The JSON array of changed levels, in the order given (diff-style updates).</summary>
    public static void WriteChanges(JsonText text, Instrument instrument, ReadOnlySpan<LevelChange> changes, LevelFormat format)
    {
        text.Raw("["u8);
        for (var i = 0; i < changes.Length; i++)
        {
            if (i > 0)
            {
                text.Raw(","u8);
            }
            format(text, instrument, changes[i].PriceTicks, changes[i].QuantityLots);
        }
        text.Raw("]"u8);
    }
}
