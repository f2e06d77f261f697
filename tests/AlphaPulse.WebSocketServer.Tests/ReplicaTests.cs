using AlphaPulse.Core.Books;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>Two collector replicas of an exchange, read through the merged reader: everything once, and no gap when one dies.</summary>
public sealed class ReplicaTests
{
    private const int Depth = 25;

    [Fact]
    public async Task ShouldDeliverEachTradeOnceFromTwoReplicasAndCarryOnWhenOneStops()
    {
        await using var server = await TestServer.StartAsync();
        var a = new TestRing(server.RingDirectory, "binance", "a", 1024, "BTCUSDT");
        using var b = new TestRing(server.RingDirectory, "binance", "b", 1024, "BTCUSDT");
        await server.WaitForExchangeAsync("binance");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");

        // Both replicas see the same exchange trades (same ids); then replica a's collector dies.
        for (var i = 1; i <= 20; i++)
        {
            a.Trade(0, 100 + i, 1m);
            b.Trade(0, 100 + i, 1m);
        }

        a.Dispose();
        for (var i = 21; i <= 40; i++)
        {
            b.Trade(0, 100 + i, 1m);
        }

        var prices = new List<string>();
        var sequences = new List<long>();
        while (prices.Count < 40)
        {
            var trade = await client.ReceiveTypeAsync("trade");
            prices.Add(trade.Str("price"));
            sequences.Add(trade.Seq);
        }

        // Nothing more is queued behind them: the next trade is a fresh one.
        b.Trade(0, 999m, 1m);
        var next = await client.ReceiveTypeAsync("trade");

        // The replicas' health is exported once a second with the exchange's stats.
        await client.SubscribeAsync("stats", "binance", "*", id: 2);
        _ = await client.ReceiveTypeAsync("stats");
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(server.MetricsUri, "metrics"));
        var duplicates = DuplicatesDropped(metrics, "a") + DuplicatesDropped(metrics, "b");

        Assert.Equal(Enumerable.Range(101, 40).Select(price => price.ToString(System.Globalization.CultureInfo.InvariantCulture)), prices);
        Assert.Equal(Enumerable.Range(1, 40).Select(seq => (long)seq), sequences);
        Assert.Equal(("999", 41L), (next.Str("price"), next.Seq));
        Assert.Equal(20, duplicates);
        Assert.Contains("alphapulse_replica_staleness_seconds{exchange=\"binance\",replica=\"a\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFailAnUnsequencedBookOverToTheOtherReplicaWhenTheFollowedOneStops()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { StaleFeed = TimeSpan.FromMilliseconds(500) });

        // Replica a alone at first, so the merged reader follows it; b joins with the same history.
        var a = new TestRing(server.RingDirectory, "coinbase", "a", 4096, "BTC-USD");
        var (modelA, randomA) = (new OrderBook(), new Random(21));
        BookConsistencyTests.PublishSnapshot(a, modelA, randomA);
        await server.WaitForExchangeAsync("coinbase");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("book", "coinbase", "BTC-USD", Depth);
        await client.SubscribeAsync("stats", "coinbase", "*", id: 2);
        var book = new ClientBook();

        using var b = new TestRing(server.RingDirectory, "coinbase", "b", 4096, "BTC-USD");
        var (model, random) = (new OrderBook(), new Random(21));
        BookConsistencyTests.PublishSnapshot(b, model, random);
        var joined = await client.ReceiveUntilAsync("stats naming replica b", frame => Applied(book, frame) && frame.Type == "stats" && frame.Str("source").Contains("coinbase-b.ring", StringComparison.Ordinal));
        var resyncsBefore = joined.Json.GetProperty("resyncs").GetInt64();

        for (var batch = 0; batch < 100; batch++)
        {
            BookConsistencyTests.PublishRandomDelta(a, modelA, randomA);
            BookConsistencyTests.PublishRandomDelta(b, model, random);
        }

        // Replica a's collector dies; b keeps publishing (as a live collector does) until the server
        // reports the failover in its stats.
        a.Dispose();
        // On its own thread: a pool thread can wait longer than StaleFeed on a loaded machine (a Stryker run),
        // and b would then really be stale when the stats are read.
        using var failedOver = new CancellationTokenSource();
        var publisher = Task.Factory.StartNew(() =>
        {
            while (!failedOver.IsCancellationRequested)
            {
                BookConsistencyTests.PublishRandomDelta(b, model, random);
                Thread.Sleep(50);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var failover = await client.ReceiveUntilAsync("stats counting the failover", frame => Applied(book, frame) && frame.Type == "stats" && frame.Json.GetProperty("resyncs").GetInt64() > resyncsBefore);
        var replicas = failover.Json.GetProperty("replicas").EnumerateArray().ToDictionary(replica => replica.GetProperty("name").GetString()!, replica => replica);
        Assert.True(replicas["a"].GetProperty("stale").GetBoolean(), $"the stats name replica a stale once its symbols failed over: {failover.Json}");
        Assert.False(replicas["b"].GetProperty("stale").GetBoolean());
        await failedOver.CancelAsync();
        await publisher;

        await BookConsistencyTests.ApplyUntilAsync(client, book, BookConsistencyTests.PublishMarker(b, model));

        Assert.Equal(0, book.Gaps);
        Assert.Equal(ClientBook.Top(model, BookSide.Bid, Depth), book.Top(bids: true, Depth));
        Assert.Equal(ClientBook.Top(model, BookSide.Ask, Depth), book.Top(bids: false, Depth));
    }

    private static double DuplicatesDropped(string metrics, string replica)
    {
        var series = $"alphapulse_replica_duplicates_dropped_total{{exchange=\"binance\",replica=\"{replica}\"}} ";
        var line = metrics.Split('\n').Single(candidate => candidate.StartsWith(series, StringComparison.Ordinal));
        return double.Parse(line[series.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies a book frame to the client's book; true for every frame, so it can sit in front of another test.</summary>
    private static bool Applied(ClientBook book, Frame frame)
    {
        if (frame.Kind == System.Net.WebSockets.WebSocketMessageType.Text && frame.Type is "book_snapshot" or "book_delta")
        {
            book.Apply(frame);
        }

        return true;
    }
}
