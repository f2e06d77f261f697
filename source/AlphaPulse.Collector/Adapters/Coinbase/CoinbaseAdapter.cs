using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>
/// The Coinbase Exchange WebSocket feed (docs.cdp.coinbase.com/exchange/websocket-feed): one connection, a
/// subscribe message for <c>level2_batch</c> (or <c>level2</c> when <see cref="CoinbaseCredentials"/> are
/// configured), <c>matches</c> and <c>heartbeat</c>; the book syncs in-band (snapshot, then l2updates).
/// Immutable; safe from any thread.
/// </summary>
public sealed class CoinbaseAdapter(CoinbaseCredentials? credentials = null) : IExchangeAdapter
{
    public const string ExchangeName = "coinbase";

    public string Name => ExchangeName;

    public Uri DefaultFeedUrl { get; } = new("wss://ws-feed.exchange.coinbase.com");

    /// <summary>The book arrives in-band: no REST snapshots.</summary>
    public Uri? DefaultRestUrl => null;

    /// <summary>level2 carries no sequence numbers: book records carry 0.</summary>
    public bool HasBookSequence => false;

    /// <summary>Coinbase documents no connection lifetime; reconnect daily anyway.</summary>
    public TimeSpan MaxConnectionLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>Any depth: snapshots are the whole book; BOOK_DEPTH bounds published top-N snapshots.</summary>
    public IReadOnlyList<int>? BookDepths => null;

    /// <summary>Coinbase product ids are the normalised names: <c>BTC-USD</c>.</summary>
    public bool TryMapSymbol(SymbolName symbol, out string exchangeSymbol)
    {
        exchangeSymbol = symbol.ToString();
        return true;
    }

    /// <summary>The feed URL as configured (the simulator's is <c>ws://host:port/coinbase</c>); subscriptions are messages.</summary>
    public Uri FeedUri(Uri feedUrl, IReadOnlyList<InstrumentBinding> instruments)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        return feedUrl;
    }

    public IFeedSession CreateSession(FeedContext context) => new CoinbaseSession(context, credentials);
}
