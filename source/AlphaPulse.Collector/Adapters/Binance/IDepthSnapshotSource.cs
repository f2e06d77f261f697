namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>Fetches the REST depth snapshot body for one symbol. Implementations are thread-safe.</summary>
public interface IDepthSnapshotSource
{
    /// <summary>The raw JSON body of <c>GET /api/v3/depth?symbol=…&amp;limit=…</c>; throws <see cref="HttpRequestException"/> on failure.</summary>
    Task<byte[]> FetchAsync(string exchangeSymbol, int limit, CancellationToken cancellationToken);
}

/// <summary>The real endpoint over HTTP. Thread-safe (one shared <see cref="HttpClient"/>).</summary>
internal sealed class HttpDepthSnapshotSource(HttpClient http, Uri restUrl) : IDepthSnapshotSource
{
    /// <summary>Binance serves at most 5000 levels a side.</summary>
    public const int MaxLimit = 5000;

    public async Task<byte[]> FetchAsync(string exchangeSymbol, int limit, CancellationToken cancellationToken)
    {
        var uri = new Uri($"{restUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}/api/v3/depth?symbol={exchangeSymbol}&limit={Math.Clamp(limit, 1, MaxLimit)}");
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        _ = response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
