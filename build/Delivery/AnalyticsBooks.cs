using System.Numerics;
using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The analytics service's books (source/AlphaPulse.Bindings/python, README "Python bindings"):
/// <c>GET /books/{exchange}/{symbol}?depth=N</c> answers exact fixed-point integers with their scales
/// (<c>price = price_fixed / 10^price_scale</c>), turned here into exact decimals. Its books have settled
/// when their top levels stop moving.
/// </summary>
public sealed class AnalyticsBooks(HttpClient http, Uri service, IReadOnlyList<string> streams) : IBookHolder
{
    public string Name => "analytics";

    public Task<IReadOnlyList<string>> StreamsAsync() => Task.FromResult(streams);

    public async Task<BookLevels> BookAsync(string stream, int depth)
    {
        using var book = await GetAsync(stream, depth).ConfigureAwait(false);
        var root = book.RootElement;
        var (priceScale, sizeScale) = (root.GetProperty("price_scale").GetInt32(), root.GetProperty("size_scale").GetInt32());
        return new BookLevels(Levels(root.GetProperty("bids"), priceScale, sizeScale), Levels(root.GetProperty("asks"), priceScale, sizeScale));
    }

    /// <summary>
    /// A fingerprint of every book's top levels and sequence: it moves with each update the service applies
    /// (Kraken's and Coinbase's books carry no exchange sequence, so the levels themselves must count).
    /// </summary>
    public async Task<long> ProgressAsync()
    {
        var fingerprint = new HashCode();
        foreach (var stream in streams)
        {
            try
            {
                using var book = await GetAsync(stream, BookTruthCheck.Depth).ConfigureAwait(false);
                fingerprint.Add(book.RootElement.GetRawText(), StringComparer.Ordinal);
            }
            catch (BookUnavailableException)
            {
                // Not there yet: it counts as no progress; the comparison reports it.
            }
        }
        return fingerprint.ToHashCode();
    }

    private async Task<JsonDocument> GetAsync(string stream, int depth)
    {
        var (exchange, symbol) = BookStreams.Split(stream);
        using var response = await http.GetAsync(new Uri(service, $"/books/{exchange}/{Uri.EscapeDataString(symbol)}?depth={depth}")).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BookUnavailableException($"{service}books/{exchange}/{symbol} answered {(int)response.StatusCode}: {body}");
        }
        var document = JsonDocument.Parse(body);
        if (!document.RootElement.GetProperty("valid").GetBoolean())
        {
            document.Dispose();
            throw new BookUnavailableException($"{service}books/{exchange}/{symbol} has no synced book yet (valid: false)");
        }
        return document;
    }

    private static List<(decimal Price, decimal Size)> Levels(JsonElement levels, int priceScale, int sizeScale) =>
        [.. levels.EnumerateArray().Select(level => (Exact(level[0], priceScale), Exact(level[1], sizeScale)))];

    // Python's integers are unbounded: parse as BigInteger, then scale exactly.
    private static decimal Exact(JsonElement fixedPoint, int scale) =>
        (decimal)BigInteger.Parse(fixedPoint.GetRawText(), System.Globalization.CultureInfo.InvariantCulture) / Pow10(scale);

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10;
        }
        return result;
    }
}
