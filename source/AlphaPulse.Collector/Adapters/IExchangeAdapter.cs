using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// One exchange's public market-data protocol: names, endpoints, and a factory for per-connection
/// sessions that parse frames and run the exchange's own book-synchronisation procedure. Stateless and
/// immutable; safe from any thread. Everything stateful lives in the <see cref="IFeedSession"/>.
/// </summary>
/// <remarks>
/// The seam the three exchanges share:
/// <list type="bullet">
/// <item>Binance: streams named in the URL, REST snapshot + buffered diffs with <c>U</c>/<c>u</c> update ids.</item>
/// <item>Coinbase: subscribe message, in-band <c>snapshot</c> then <c>l2update</c>, loss detected via heartbeat sequence, resync by resubscribing.</item>
/// <item>Kraken v2: subscribe message, in-band snapshot, CRC32 checksum per update, truncation to depth, resync by unsubscribe/subscribe.</item>
/// </list>
/// </remarks>
public interface IExchangeAdapter
{
    /// <summary>The <c>EXCHANGE</c> value, lower case (<c>binance</c>).</summary>
    string Name { get; }

    /// <summary>The real exchange's WebSocket base address (overridden by <c>FEED_URL</c>).</summary>
    Uri DefaultFeedUrl { get; }

    /// <summary>The real exchange's REST base address (overridden by <c>REST_URL</c>); null when book sync is in-band.</summary>
    Uri? DefaultRestUrl { get; }

    /// <summary>
    /// True when the exchange numbers its book updates (Binance <c>u</c>) and the session keeps that number as the
    /// book's sequence: book records then carry it (<c>ExchangeSequence</c>) for replica merging; false → 0.
    /// </summary>
    bool HasBookSequence { get; }

    /// <summary>The book depths the exchange accepts for <c>BOOK_DEPTH</c> (Kraken: 10, 25, 100, 500, 1000); null when any is fine.</summary>
    IReadOnlyList<int>? BookDepths { get; }

    /// <summary>How long one connection may live before the exchange cuts it; the collector reconnects earlier.</summary>
    TimeSpan MaxConnectionLifetime { get; }

    /// <summary>The exchange's own name for a normalised symbol (<c>BTC-USDT</c> → <c>BTCUSDT</c>); false when it has none.</summary>
    bool TryMapSymbol(SymbolName symbol, out string exchangeSymbol);

    /// <summary>The address to connect to for these instruments (Binance names its streams in the URL).</summary>
    Uri FeedUri(Uri feedUrl, IReadOnlyList<InstrumentBinding> instruments);

    /// <summary>A session for one connection; disposed when the connection ends.</summary>
    IFeedSession CreateSession(FeedContext context);
}
