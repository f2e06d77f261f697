using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Local;
using AlphaPulse.Build.Tests.LiveStack;

namespace AlphaPulse.Build.Tests.Delivery;

/// <summary>
/// Smoke's book check against the real local stack: a WebSocket client of the server, and the analytics
/// service through its read API, hold for every exchange and symbol exactly the simulator's book once the
/// markets are paused and their books settle.
/// </summary>
[Collection(LiveStackTests.Name)]
public sealed class BookTruthCheckTests(LiveStackFixture stack)
{
    [Fact]
    public async Task ShouldFindEveryClientBookEqualToTheSimulatorsTruthWhileTheMarketsArePaused()
    {
        await using var watcher = new MarketDataWatcher(stack.Ports.WebSocket, token: null);
        watcher.Start();
        var exchanges = LocalServices.Exchanges.Select(exchange => exchange.Exchange).ToList();
        for (var waited = 0; waited < 200 && !exchanges.All(watcher.HasBooks); waited++)
        {
            await Task.Delay(100);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var checks = await new BookTruthCheck(http, stack.SimulatorUrl).RunAsync(exchanges, watcher);

        Assert.Equal(LocalServices.Exchanges.Sum(exchange => exchange.Symbols.Split(',').Length), checks.Count);
        Assert.True(checks.All(check => check.Passed), string.Join("\n", checks));
        Assert.Equal(0, watcher.UnrecoveredGaps);
        using var feed = await http.GetAsync(new Uri(stack.SimulatorUrl, "/control/feed"));
        Assert.Contains("\"paused\":false", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFindEveryAnalyticsBookEqualToTheSimulatorsTruthWhileTheMarketsArePaused()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var exchanges = LocalServices.Exchanges.Select(exchange => exchange.Exchange).ToList();
        var analytics = new AnalyticsBooks(http, stack.AnalyticsUrl, BookStreams.Configured(exchanges));

        var checks = await new BookTruthCheck(http, stack.SimulatorUrl).RunAsync(exchanges, analytics);

        Assert.Equal(LocalServices.Exchanges.Sum(exchange => exchange.Symbols.Split(',').Length), checks.Count);
        Assert.True(checks.All(check => check.Passed), string.Join("\n", checks));
        Assert.All(checks, check => Assert.StartsWith("analytics ", check.Name, StringComparison.Ordinal));
        using var feed = await http.GetAsync(new Uri(stack.SimulatorUrl, "/control/feed"));
        Assert.Contains("\"paused\":false", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldReportAnAnalyticsBookThatDiffersFromItsReferenceNamingTheLevel()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var exchanges = LocalServices.Exchanges.Select(exchange => exchange.Exchange).ToList();
        var analytics = new AnalyticsBooks(http, stack.AnalyticsUrl, BookStreams.Configured(exchanges));
        var books = new BookTruthCheck(http, stack.SimulatorUrl);

        // Against a reference that moved every price by one tick, every book differs at its best level.
        var checks = await books.RunAsync(exchanges, [(analytics, new ShiftedBooks(books.Truth))]);

        Assert.NotEmpty(checks);
        Assert.All(checks, check => Assert.False(check.Passed, check.ToString()));
        Assert.All(checks, check => Assert.StartsWith("bid level 1: shifted ", check.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldNameTheFirstLevelWhereTheBooksDiffer()
    {
        (decimal, decimal)[] truth = [(100.5m, 2m), (100.4m, 1m)];
        Assert.Null(BookTruthCheck.FirstDifference("bid", truth, [(100.50m, 2.0m), (100.4m, 1m)]));
        Assert.Equal("bid level 2: truth 100.4 × 1, client 100.4 × 3", BookTruthCheck.FirstDifference("bid", truth, [(100.5m, 2m), (100.4m, 3m)]));
        Assert.Equal("bid level 2: truth 100.4 × 1, client none", BookTruthCheck.FirstDifference("bid", truth, [(100.5m, 2m)]));
    }

    /// <summary>A reference whose every price is one hundredth above its source's.</summary>
    private sealed class ShiftedBooks(IBookSource source) : IBookSource
    {
        public string Name => "shifted";

        public async Task<BookLevels> BookAsync(string stream, int depth)
        {
            var book = await source.BookAsync(stream, depth);
            return new BookLevels([.. book.Bids.Select(level => (level.Price + 0.01m, level.Size))], [.. book.Asks.Select(level => (level.Price + 0.01m, level.Size))]);
        }
    }
}
