using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

public sealed class SubscribeFlowTests
{
    [Fact]
    public async Task ShouldAcknowledgeSubscribeWithRequestIdAndMatchedStreams()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT", "ETHUSDT");
        using var client = await server.ConnectAsync();

        var ack = await client.SubscribeAsync("trades", "binance", "*", id: 42);

        Assert.Equal(42, ack.Json.GetProperty("id").GetInt64());
        Assert.Equal(2, ack.Json.GetProperty("streams").GetInt32());
    }

    [Fact]
    public async Task ShouldStreamTradesWithConsecutiveSequenceNumbers()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");

        for (var i = 0; i < 20; i++)
        {
            ring.Trade(0, 67000.5m + i, 0.25m, i % 2 == 0 ? TradeSide.Buy : TradeSide.Sell);
        }

        var first = await client.ReceiveTypeAsync("trade");
        Assert.Equal("67000.5", first.Str("price"));
        Assert.Equal("0.25", first.Str("size"));
        Assert.Equal("buy", first.Str("side"));
        Assert.Equal("binance", first.Str("exchange"));
        Assert.Equal("BTCUSDT", first.Str("symbol"));
        var previous = first.Seq;
        for (var i = 1; i < 20; i++)
        {
            var trade = await client.ReceiveTypeAsync("trade");
            Assert.Equal(previous + 1, trade.Seq);
            previous = trade.Seq;
        }
    }

    [Fact]
    public async Task ShouldStopDeliveringAfterUnsubscribe()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");
        await client.SubscribeAsync("ticker", "binance", "BTCUSDT", id: 2);

        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 3 });
        var ack = await client.ReceiveTypeAsync("unsubscribed");
        ring.Trade(0, 1m, 1m);

        // The ticker still flows (the trade changes its last price); no trade arrives before it.
        var next = await client.ReceiveUntilAsync("a frame other than a heartbeat", frame => frame.Type != "heartbeat");

        Assert.Equal(3, ack.Json.GetProperty("id").GetInt64());
        Assert.Equal("ticker", next.Type);
        Assert.Equal("1", next.Str("last"));
    }

    [Fact]
    public async Task ShouldKnowTheSymbolsOfARingFoundWhileItsWriterWasStartingUpBeforeAnyRecord()
    {
        await using var server = await TestServer.StartAsync();
        var staging = Directory.CreateDirectory(Path.Combine("/dev/shm", "alphapulse-ws-staging-" + Guid.NewGuid().ToString("N")));
        using var ring = new TestRing(staging.FullName, "binance", "BTCUSDT");
        var startingUp = ring.StartingUp();

        // Appears in the server's directory mid start-up (a rename keeps the writer's mapping).
        File.Move(ring.Path, Path.Combine(server.RingDirectory, Path.GetFileName(ring.Path)));
        staging.Delete();
        await server.WaitForExchangeAsync("binance");
        using var client = await server.ConnectAsync();
        await client.SendAsync(new { op = "subscribe", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 1 });
        var refused = await client.ReceiveTypeAsync("error");

        // The writer publishes its table; no record has been written yet.
        startingUp.Dispose();
        var ack = await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 2);
        ring.Trade(0, 67000m, 1m);

        Assert.Equal("unknown_symbol", refused.Str("code"));
        Assert.Equal(1, ack.Json.GetProperty("streams").GetInt32());
        Assert.Equal("67000", (await client.ReceiveTypeAsync("trade")).Str("price"));
    }

    [Fact]
    public async Task ShouldDeliverWildcardSubscriptionsFromRingsThatAppearLater()
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "*", "*");

        using var ring = await server.AddRingAsync("kraken", "BTC/USD");
        ring.Trade(0, 50000m, 1m);

        var trade = await client.ReceiveTypeAsync("trade");
        Assert.Equal("kraken", trade.Str("exchange"));
        Assert.Equal("BTC/USD", trade.Str("symbol"));
    }

    [Fact]
    public async Task ShouldSendHeartbeatsAndAnswerPing()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { HeartbeatInterval = TimeSpan.FromMilliseconds(100) });
        using var client = await server.ConnectAsync();

        await client.SendAsync(new { op = "ping", id = 7 });

        var pong = await client.ReceiveTypeAsync("pong");
        var heartbeat = await client.ReceiveTypeAsync("heartbeat");
        Assert.Equal(7, pong.Json.GetProperty("id").GetInt64());
        Assert.True(heartbeat.Json.GetProperty("clients").GetInt32() >= 1);
    }

    [Fact]
    public async Task ShouldPublishTickerWithTopOfBookAndStatsPerExchange()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("coinbase", "BTC-USD");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("ticker", "coinbase", "BTC-USD");
        await client.SubscribeAsync("stats", "*", "*", id: 2);

        ring.Snapshot(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(1))], [new PriceLevel(TestRing.Price(101), TestRing.Size(2))]);

        var ticker = await client.ReceiveTypeAsync("ticker");
        var stats = await client.ReceiveTypeAsync("stats");
        Assert.Equal("100", ticker.Str("bid"));
        Assert.Equal("101", ticker.Str("ask"));
        Assert.Equal("2", ticker.Str("ask_size"));
        Assert.Equal("coinbase", stats.Str("exchange"));
        Assert.Equal("coinbase-a.ring", stats.Str("source"));
        var replica = Assert.Single(stats.Json.GetProperty("replicas").EnumerateArray());
        Assert.Equal("a", replica.GetProperty("name").GetString());
        Assert.False(replica.GetProperty("stale").GetBoolean());
        var (p50, p99, max) = (stats.Json.GetProperty("shm_latency_us_p50").GetDouble(), stats.Json.GetProperty("shm_latency_us_p99").GetDouble(), stats.Json.GetProperty("shm_latency_us_max").GetDouble());
        Assert.True(p50 >= 0 && p50 <= p99 && p99 <= max * 1.001 + 0.1, $"p50 {p50} ≤ p99 {p99} ≤ max {max}");
    }
}
