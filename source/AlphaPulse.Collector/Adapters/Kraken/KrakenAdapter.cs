using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>
/// Kraken Spot WebSocket API v2 (docs.kraken.com/exchange/api-reference/spot-websocket-v2): one connection,
/// <c>book</c> at <c>BOOK_DEPTH</c> (10, 25, 100, 500 or 1000) and <c>trade</c>, books checked against Kraken's
/// CRC-32 on every message. Immutable; safe from any thread.
/// </summary>
public sealed class KrakenAdapter : IExchangeAdapter
{
    public const string ExchangeName = "kraken";

    private static readonly int[] Depths = [10, 25, 100, 500, 1000];

    public string Name => ExchangeName;

    public Uri DefaultFeedUrl { get; } = new("wss://ws.kraken.com/v2");

    /// <summary>The book arrives in-band: no REST snapshots.</summary>
    public Uri? DefaultRestUrl => null;

    /// <summary>Kraken v2 books carry a checksum, not a sequence: book records carry 0.</summary>
    public bool HasBookSequence => false;

    /// <summary>The depths the book channel accepts ("book" reference: depth).</summary>
    public IReadOnlyList<int>? BookDepths => Depths;

    /// <summary>Kraken documents no connection lifetime; reconnect daily anyway.</summary>
    public TimeSpan MaxConnectionLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>v2 symbols are <c>BASE/QUOTE</c> with the common asset names: <c>BTC/USD</c>.</summary>
    public bool TryMapSymbol(SymbolName symbol, out string exchangeSymbol)
    {
        exchangeSymbol = symbol.Base + "/" + symbol.Quote;
        return true;
    }

    /// <summary>The feed URL as configured (the simulator's is <c>ws://host:port/kraken/v2</c>); subscriptions are messages.</summary>
    public Uri FeedUri(Uri feedUrl, IReadOnlyList<InstrumentBinding> instruments)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        return feedUrl;
    }

    public IFeedSession CreateSession(FeedContext context) => new KrakenSession(context);
}
