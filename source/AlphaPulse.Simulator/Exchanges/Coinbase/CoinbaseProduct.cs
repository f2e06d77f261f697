namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// One product on one Coinbase connection, as its send loop tracks it: which channels it streams, where
/// its book snapshot and its trade history end (so the stream continues exactly after them), and the
/// latest sequence and trade id it has passed on — what its heartbeat reports, including messages a
/// fault dropped, so that a dropped match shows up as a heartbeat <c>last_trade_id</c> ahead of the client.
/// </summary>
internal sealed class CoinbaseProduct(long tradeCutoff, long lastTradeId, long sequence)
{
    public CoinbaseChannels Channels { get; set; }

    /// <summary>Book updates with a sequence above this follow the snapshot; null until a snapshot is sent.</summary>
    public long? BookSequence { get; set; }

    /// <summary>Trades with a sequence up to this were history when the product was added (last_match is the latest).</summary>
    public long TradeCutoff { get; } = tradeCutoff;

    public long LastTradeId { get; set; } = lastTradeId;

    public long Sequence { get; set; } = sequence;

    /// <summary>The sequence of the match sent before the current one (a corrupt match repeats it).</summary>
    public long PreviousMatchSequence { get; set; }

    public long LastMatchSequence { get; set; }
}
