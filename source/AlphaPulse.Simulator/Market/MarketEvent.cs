namespace AlphaPulse.Simulator.Market;

/// <summary>A price level's new absolute quantity (0 = removed), as every diff-style feed reports it.</summary>
internal readonly record struct LevelChange(long PriceTicks, long QuantityLots);

/// <summary>Something the market model produced at one step, for one instrument.</summary>
internal abstract record MarketEvent(Instrument Instrument, long TimeMs)
{
    /// <summary>
    /// The instrument's event counter: +1 for every trade and every book update the model emits, in
    /// emission order. Coinbase's per-product <c>sequence</c> is this number (so matches have gaps in it,
    /// as on Coinbase, where the full channel's other messages take the numbers in between); every venue
    /// uses it to tell whether an event is already covered by a snapshot.
    /// </summary>
    public long Sequence { get; init; }
}

/// <summary>
/// One atomic change of the book: the levels that changed, each carrying one update id, so that
/// <c>LastUpdateId - FirstUpdateId + 1</c> equals the number of changes (Binance's U and u).
/// Immutable once published: frames for every exchange and every connection share it.
/// </summary>
internal sealed record BookUpdate(
    Instrument Instrument, long FirstUpdateId, long LastUpdateId, long TimeMs,
    LevelChange[] Bids, LevelChange[] Asks) : MarketEvent(Instrument, TimeMs);

/// <summary>One fill. <paramref name="BuyerIsMaker"/> is Binance's <c>m</c>: true when the aggressor sold.</summary>
internal sealed record Trade(
    Instrument Instrument, long TradeId, long PriceTicks, long QuantityLots, bool BuyerIsMaker, long TimeMs)
    : MarketEvent(Instrument, TimeMs);
