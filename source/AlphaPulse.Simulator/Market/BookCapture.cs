namespace AlphaPulse.Simulator.Market;

/// <summary>A detached copy of a book at one update id: safe to read on any thread.</summary>
internal sealed record BookCapture(Instrument Instrument, long LastUpdateId, PriceLadder Bids, PriceLadder Asks)
{
    /// <summary>The <see cref="MarketEvent.Sequence"/> of the last event already reflected (0 for a book rebuilt from history).</summary>
    public long Sequence { get; init; }

    /// <summary>The id of the last trade printed when the book was captured (0 before the first trade).</summary>
    public long LastTradeId { get; init; }
}

/// <summary>Why a book at a requested update id cannot be produced.</summary>
internal enum HistoryLookup
{
    Found,
    TooOld,
    InFuture,
}
