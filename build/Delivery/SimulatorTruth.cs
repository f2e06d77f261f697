using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>The built-in simulator's own books: <c>GET /truth/{exchange}/{symbol}?depth=N</c> (docs/simulator.md, Ground truth).</summary>
public sealed class SimulatorTruth(HttpClient http, Uri simulator) : IBookSource
{
    public string Name => "the simulator's truth";

    public async Task<BookLevels> BookAsync(string stream, int depth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (exchange, symbol) = BookStreams.Split(stream);
        using var response = await http.GetAsync(new Uri(simulator, $"/truth/{exchange}/{Uri.EscapeDataString(symbol)}?depth={depth}")).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BookUnavailableException($"/truth answered {(int)response.StatusCode}: {body}");
        }
        using var truth = JsonDocument.Parse(body);
        return new BookLevels(
            [.. ClientBook.Levels(truth.RootElement.GetProperty("bids")).Take(depth)],
            [.. ClientBook.Levels(truth.RootElement.GetProperty("asks")).Take(depth)]);
    }
}

/// <summary>Stream names: <c>exchange/symbol</c>, as the WebSocket server's book messages name them.</summary>
public static class BookStreams
{
    public static (string Exchange, string Symbol) Split(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var slash = stream.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (stream[..slash], stream[(slash + 1)..]) : throw new ArgumentException($"a stream is exchange/symbol: stream='{stream}' (e.g. binance/BTC-USDT)", nameof(stream));
    }

    /// <summary>Every stream the local stack subscribes (<see cref="Local.LocalServices.Exchanges"/>) of <paramref name="exchanges"/>.</summary>
    public static IReadOnlyList<string> Configured(IEnumerable<string> exchanges) =>
        [.. Local.LocalServices.Exchanges.Where(configured => exchanges.Contains(configured.Exchange))
            .SelectMany(configured => configured.Symbols.Split(',').Select(symbol => $"{configured.Exchange}/{symbol}"))];
}
