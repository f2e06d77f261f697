using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// Binance Spot: combined streams <c>&lt;symbol&gt;@depth@100ms</c> and <c>&lt;symbol&gt;@trade</c> on one
/// connection, REST depth snapshots, the local order book procedure. Server pings are WebSocket ping
/// frames, answered with pongs by <see cref="System.Net.WebSockets.ClientWebSocket"/> itself (RFC 6455 §5.5.2).
/// Immutable; safe from any thread.
/// </summary>
public sealed class BinanceAdapter(IDepthSnapshotSource? snapshots = null) : IExchangeAdapter
{
    public const string ExchangeName = "binance";

    /// <summary>Binance symbols are at most 20 upper-case letters and digits.</summary>
    private const int MaxSymbolLength = 20;

    public string Name => ExchangeName;

    public Uri DefaultFeedUrl { get; } = new("wss://stream.binance.com:9443");

    public Uri? DefaultRestUrl { get; } = new("https://api.binance.com");

    /// <summary>Diff-depth events carry <c>u</c>, the book's update id after the event.</summary>
    public bool HasBookSequence => true;

    /// <summary>REST snapshots take any limit up to 5000 (the settings reader's bound).</summary>
    public IReadOnlyList<int>? BookDepths => null;

    /// <summary>"A single connection to stream.binance.com is only valid for 24 hours": reconnect half an hour early.</summary>
    public TimeSpan MaxConnectionLifetime { get; } = TimeSpan.FromHours(23.5);

    public bool TryMapSymbol(SymbolName symbol, out string exchangeSymbol)
    {
        exchangeSymbol = symbol.Base + symbol.Quote;
        return exchangeSymbol.Length <= MaxSymbolLength;
    }

    /// <summary><c>{FEED_URL}/stream?streams=btcusdt@depth@100ms/btcusdt@trade/…</c> (stream names are lower case).</summary>
    public Uri FeedUri(Uri feedUrl, IReadOnlyList<InstrumentBinding> instruments)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        ArgumentNullException.ThrowIfNull(instruments);
        var streams = new List<string>(instruments.Count * 2);
        foreach (var instrument in instruments)
        {
            var name = instrument.ExchangeSymbol.ToLowerInvariant();
            streams.Add(name + "@depth@100ms");
            streams.Add(name + "@trade");
        }
        var path = feedUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var stream = path.EndsWith("/stream", StringComparison.Ordinal) ? path : path + "/stream";
        return new Uri(stream + "?streams=" + string.Join('/', streams));
    }

    public IFeedSession CreateSession(FeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = snapshots ?? new HttpDepthSnapshotSource(
            context.Http ?? throw new InvalidOperationException("Binance fetches REST snapshots: FeedContext.Http=null (give the context an HttpClient)"),
            context.RestUrl ?? DefaultRestUrl!);
        return new BinanceSession(context, source);
    }
}
