using System.Net.WebSockets;
using AlphaPulse.Core.Books;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>A client that stops reading costs only itself: conflated or closed, and counted.</summary>
public sealed class SlowConsumerTests
{
    [Fact]
    public async Task ShouldCloseASlowConsumerWith1008WhenItsByteBudgetIsExceeded()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Close, ClientByteBudget = 16 * 1024 });
        using var ring = new TestRing(server.RingDirectory, "binance", "b", 64 * 1024, "BTCUSDT");
        await server.WaitForExchangeAsync("binance");
        using var slow = await server.ConnectAsync(tinyReceiveBuffer: true);
        using var healthy = await server.ConnectAsync();
        await slow.SubscribeAsync("trades", "binance", "BTCUSDT");
        await healthy.SubscribeAsync("stats", "binance", "*");
        var closesBefore = ServerMetrics.SlowConsumerCloses.Value;

        // The slow client reads nothing while trades pile up behind its socket.
        await PublishUntilAsync(() => ServerMetrics.SlowConsumerCloses.Value > closesBefore, () => ring.Trade(0, 67000m, 0.5m));

        var close = await slow.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.Equal("slow consumer: queued bytes exceeded the budget", close.CloseReason);
        Assert.Equal("stats", (await healthy.ReceiveTypeAsync("stats")).Type);
    }

    [Fact]
    public async Task ShouldConflateBookDeltasForASlowConsumerAndResnapshotOnceItDrains()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Conflate, ClientByteBudget = 16 * 1024, SlowConsumerGrace = TimeSpan.FromMinutes(5) });
        using var ring = new TestRing(server.RingDirectory, "binance", "b", 64 * 1024, "BTCUSDT");
        var model = new OrderBook();
        var random = new Random(11);
        BookConsistencyTests.PublishSnapshot(ring, model, random);
        await server.WaitForExchangeAsync("binance");
        using var slow = await server.ConnectAsync(tinyReceiveBuffer: true);
        await slow.SubscribeAsync("book", "binance", "BTCUSDT", depth: 25);
        var conflationsBefore = ServerMetrics.Conflations.Value;

        await PublishUntilAsync(() => ServerMetrics.Conflations.Value > conflationsBefore, () => BookConsistencyTests.PublishRandomDelta(ring, model, random));

        // As a collector does periodically: should the server's own reader have been lapped in the
        // burst (a loaded machine), it rebuilds from this snapshot.
        BookConsistencyTests.PublishModelSnapshot(ring, model);
        var marker = BookConsistencyTests.PublishMarker(ring, model);
        var book = new ClientBook();
        await BookConsistencyTests.ApplyUntilAsync(slow, book, marker);

        // Latest book wins: deltas were dropped, a fresh snapshot replaced them, and the book is exact.
        Assert.True(book.Snapshots >= 2, $"snapshots={book.Snapshots}");
        Assert.Equal(0, book.Gaps);
        Assert.Equal(ClientBook.Top(model, BookSide.Bid, 25), book.Top(bids: true, 25));
        Assert.Equal(ClientBook.Top(model, BookSide.Ask, 25), book.Top(bids: false, 25));
    }

    /// <summary>Publishes in bursts until the server reports the condition (bounded by the hang guard).</summary>
    private static async Task PublishUntilAsync(Func<bool> condition, Action publish)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        while (!condition())
        {
            for (var i = 0; i < 1000; i++)
            {
                publish();
            }

            await Task.Delay(5, guard.Token);
        }
    }
}
