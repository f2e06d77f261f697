using System.Diagnostics;
using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Does a WebSocket client hold the exchanges' books exactly? With the built-in simulator as the feed:
/// pause every market (<c>POST /control/feed/pause</c>), wait until the client's book stream has been
/// quiet for a moment, compare each book the client holds, level by level (top 10), with the
/// simulator's own (<c>GET /truth/{exchange}/{symbol}?depth=10</c>), and resume the markets whatever
/// happened. One check per book, naming the first differing level.
/// </summary>
public sealed class BookTruthCheck(HttpClient http, Uri simulator, MarketDataWatcher watcher)
{
    public const int Depth = 10;

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<Check>> RunAsync(IReadOnlyCollection<string> exchanges)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        var checks = new List<Check>();
        using (var pause = await http.PostAsync(new Uri(simulator, "/control/feed/pause"), null).ConfigureAwait(false))
        {
            if (!pause.IsSuccessStatusCode)
            {
                return [new Check("books equal the simulator's truth", false, $"{simulator}control/feed/pause answered {(int)pause.StatusCode}: is the feed the built-in simulator?")];
            }
        }
        try
        {
            var drained = await DrainAsync().ConfigureAwait(false);
            foreach (var stream in watcher.Streams.Where(stream => exchanges.Contains(stream.Split('/')[0])))
            {
                checks.Add(await CompareAsync(stream, drained).ConfigureAwait(false));
            }
            foreach (var missing in exchanges.Where(exchange => !watcher.Streams.Any(stream => stream.StartsWith(exchange + "/", StringComparison.Ordinal))))
            {
                checks.Add(new Check($"{missing} books equal the simulator's truth", false, "the client holds no book of this exchange"));
            }
        }
        finally
        {
            using var resume = await http.PostAsync(new Uri(simulator, "/control/feed/resume"), null).ConfigureAwait(false);
        }
        return checks;
    }

    /// <summary>Waits until no book message arrived for <see cref="Quiet"/>: the pipeline has delivered everything.</summary>
    private async Task<TimeSpan> DrainAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var seen = watcher.BookMessages;
        var quietSince = stopwatch.Elapsed;
        while (stopwatch.Elapsed < DrainDeadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
            var now = watcher.BookMessages;
            if (now != seen)
            {
                (seen, quietSince) = (now, stopwatch.Elapsed);
            }
            else if (stopwatch.Elapsed - quietSince >= Quiet)
            {
                break;
            }
        }
        return stopwatch.Elapsed;
    }

    private async Task<Check> CompareAsync(string stream, TimeSpan drained)
    {
        var (exchange, symbol) = (stream.Split('/')[0], stream.Split('/')[1]);
        var name = $"{exchange} {symbol} book equals the simulator's truth";
        using var response = await http.GetAsync(new Uri(simulator, $"/truth/{exchange}/{Uri.EscapeDataString(symbol)}?depth={Depth}")).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return new Check(name, false, $"/truth answered {(int)response.StatusCode}: {body}");
        }
        using var truth = JsonDocument.Parse(body);
        var held = watcher.Book(stream)!.Value;
        var difference = FirstDifference("bid", [.. ClientBook.Levels(truth.RootElement.GetProperty("bids")).Take(Depth)], [.. held.Bids.Take(Depth)])
            ?? FirstDifference("ask", [.. ClientBook.Levels(truth.RootElement.GetProperty("asks")).Take(Depth)], [.. held.Asks.Take(Depth)]);
        return new Check(name, difference is null, difference ?? $"top {Depth} bids and asks identical (markets paused, stream quiet after {drained.TotalSeconds:F1} s)");
    }

    public static string? FirstDifference(string side, IReadOnlyList<(decimal Price, decimal Size)> truth, IReadOnlyList<(decimal Price, decimal Size)> held)
    {
        for (var level = 0; level < Math.Max(truth.Count, held.Count); level++)
        {
            if (level >= truth.Count || level >= held.Count || truth[level] != held[level])
            {
                return $"{side} level {level + 1}: truth {Describe(truth, level)}, client {Describe(held, level)}";
            }
        }
        return null;
    }

    // Dividing by 1.000… drops trailing zeros: the simulator writes Binance's 8 decimals, the server exact values.
    private static string Describe(IReadOnlyList<(decimal Price, decimal Size)> levels, int level) =>
        level < levels.Count ? $"{levels[level].Price / 1.000000000000000000000000000000000m} × {levels[level].Size / 1.000000000000000000000000000000000m}" : "none";
}
