using System.Diagnostics;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Do the pipeline's consumers hold the exchanges' books exactly? With the built-in simulator as the feed:
/// pause every market (<c>POST /control/feed/pause</c>), wait until every holder's books have been quiet
/// for a moment, compare each book a holder keeps, level by level (top 10), with its reference — the
/// simulator's own (<see cref="Truth"/>, <c>GET /truth/{exchange}/{symbol}</c>) or another holder, such as
/// the analytics service against what a WebSocket client holds — and resume the markets whatever
/// happened. One check per holder and book, naming the first differing level.
/// </summary>
public sealed class BookTruthCheck(HttpClient http, Uri simulator)
{
    public const int Depth = 10;

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(10);

    /// <summary>The simulator's books, the reference of every other.</summary>
    public IBookSource Truth { get; } = new SimulatorTruth(http, simulator);

    /// <summary>Every book <paramref name="holder"/> keeps of <paramref name="exchanges"/> against the simulator's truth.</summary>
    public Task<IReadOnlyList<Check>> RunAsync(IReadOnlyCollection<string> exchanges, IBookHolder holder) =>
        RunAsync(exchanges, [(holder, Truth)]);

    /// <summary>With the markets paused and every holder drained, each holder's books against its reference.</summary>
    public async Task<IReadOnlyList<Check>> RunAsync(IReadOnlyCollection<string> exchanges, IReadOnlyList<(IBookHolder Held, IBookSource Reference)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        ArgumentNullException.ThrowIfNull(comparisons);
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
            var drained = await DrainAsync(comparisons.Select(comparison => comparison.Held).Distinct().ToList()).ConfigureAwait(false);
            foreach (var (held, reference) in comparisons)
            {
                var streams = await held.StreamsAsync().ConfigureAwait(false);
                foreach (var stream in streams.Where(stream => exchanges.Contains(BookStreams.Split(stream).Exchange)))
                {
                    checks.Add(await CompareAsync(stream, held, reference, drained).ConfigureAwait(false));
                }
                foreach (var missing in exchanges.Where(exchange => !streams.Any(stream => stream.StartsWith(exchange + "/", StringComparison.Ordinal))))
                {
                    checks.Add(new Check($"{held.Name} {missing} books equal {reference.Name}", false, $"{held.Name} holds no book of this exchange"));
                }
            }
        }
        finally
        {
            using var resume = await http.PostAsync(new Uri(simulator, "/control/feed/resume"), null).ConfigureAwait(false);
        }
        return checks;
    }

    /// <summary>Waits until no holder's progress moved for <see cref="Quiet"/>: the pipeline has delivered everything.</summary>
    private static async Task<TimeSpan> DrainAsync(IReadOnlyList<IBookHolder> holders)
    {
        var stopwatch = Stopwatch.StartNew();
        var seen = await ProgressAsync(holders).ConfigureAwait(false);
        var quietSince = stopwatch.Elapsed;
        while (stopwatch.Elapsed < DrainDeadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
            var now = await ProgressAsync(holders).ConfigureAwait(false);
            if (!now.SequenceEqual(seen))
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

    private static async Task<long[]> ProgressAsync(IReadOnlyList<IBookHolder> holders)
    {
        var progress = new long[holders.Count];
        for (var i = 0; i < holders.Count; i++)
        {
            progress[i] = await holders[i].ProgressAsync().ConfigureAwait(false);
        }
        return progress;
    }

    private static async Task<Check> CompareAsync(string stream, IBookHolder held, IBookSource reference, TimeSpan drained)
    {
        var (exchange, symbol) = BookStreams.Split(stream);
        var name = $"{held.Name} {exchange} {symbol} book equals {reference.Name}";
        BookLevels expected, actual;
        try
        {
            expected = await reference.BookAsync(stream, Depth).ConfigureAwait(false);
            actual = await held.BookAsync(stream, Depth).ConfigureAwait(false);
        }
        catch (BookUnavailableException unavailable)
        {
            return new Check(name, false, unavailable.Message);
        }
        var difference = FirstDifference("bid", expected.Bids, actual.Bids, reference.Name, held.Name)
            ?? FirstDifference("ask", expected.Asks, actual.Asks, reference.Name, held.Name);
        return new Check(name, difference is null, difference ?? $"top {Depth} bids and asks identical (markets paused, books quiet after {drained.TotalSeconds:F1} s)");
    }

    public static string? FirstDifference(string side, IReadOnlyList<(decimal Price, decimal Size)> expected, IReadOnlyList<(decimal Price, decimal Size)> held, string expectedName = "truth", string heldName = "client")
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(held);
        var (expectedCount, heldCount) = (Math.Min(expected.Count, Depth), Math.Min(held.Count, Depth));
        for (var level = 0; level < Math.Max(expectedCount, heldCount); level++)
        {
            if (level >= expectedCount || level >= heldCount || expected[level] != held[level])
            {
                return $"{side} level {level + 1}: {expectedName} {Describe(expected, expectedCount, level)}, {heldName} {Describe(held, heldCount, level)}";
            }
        }
        return null;
    }

    // Dividing by 1.000… drops trailing zeros: the simulator writes Binance's 8 decimals, the server exact values.
    private static string Describe(IReadOnlyList<(decimal Price, decimal Size)> levels, int count, int level) =>
        level < count ? $"{levels[level].Price / 1.000000000000000000000000000000000m} × {levels[level].Size / 1.000000000000000000000000000000000m}" : "none";
}
