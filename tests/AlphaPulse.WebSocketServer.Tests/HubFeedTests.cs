using System.Net.WebSockets;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>What the hub makes of a ring's records and of its own figures: history versus news, and the stats stream per exchange.</summary>
public sealed class HubFeedTests
{
    [Fact]
    public async Task ShouldTakeTheLastPriceFromTheRingsHistoryWithoutBroadcastingItsTrades()
    {
        await using var server = await TestServer.StartAsync();
        var staging = Directory.CreateDirectory(Path.Combine("/dev/shm", "alphapulse-ws-staging-" + Guid.NewGuid().ToString("N")));
        using var ring = new TestRing(staging.FullName, "binance", "BTCUSDT");
        ring.Trade(0, 123.45m, 0.5m);

        // A ring with history appears: its trade was published before the server read it.
        File.Move(ring.Path, Path.Combine(server.RingDirectory, Path.GetFileName(ring.Path)));
        staging.Delete();
        await server.WaitForExchangeAsync("binance");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 1);
        await client.SubscribeAsync("ticker", "binance", "BTCUSDT", id: 2);
        ring.Snapshot(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(1))], [new PriceLevel(TestRing.Price(101), TestRing.Size(1))]);

        var first = await client.ReceiveUntilAsync("a frame other than a heartbeat", frame => frame.Kind != WebSocketMessageType.Text || frame.Type != "heartbeat");
        ring.Trade(0, 100.5m, 2m);
        var news = await client.ReceiveTypeAsync("trade");

        Assert.Equal(("ticker", "123.45", "0.5"), (first.Type, first.Str("last"), first.Str("last_size")));
        Assert.Equal(("100.5", 1L), (news.Str("price"), news.Seq));
    }

    [Fact]
    public async Task ShouldPublishEachExchangesStatsWithItsSymbolsAndTheConnectedClientsOncePerSecond()
    {
        await using var server = await TestServer.StartAsync();
        using var binance = await server.AddRingAsync("binance", "BTCUSDT", "ETHUSDT");
        using var kraken = await server.AddRingAsync("kraken", "BTC/USD");
        using var bystander = await server.ConnectAsync();
        using var client = await server.ConnectAsync();
        var ack = await client.SubscribeAsync("stats", "BINANCE", "ignored", id: 1);

        var first = await client.ReceiveTypeAsync("stats");
        var second = await client.ReceiveTypeAsync("stats");
        await client.SubscribeAsync("stats", "*", "*", id: 2);
        var exchanges = new HashSet<string>();
        while (exchanges.Count < 2)
        {
            exchanges.Add((await client.ReceiveTypeAsync("stats")).Str("exchange"));
        }

        Assert.Equal(1, ack.Json.GetProperty("streams").GetInt32());
        Assert.False(ack.Json.TryGetProperty("symbol", out _));
        Assert.Equal(("binance", "binance"), (first.Str("exchange"), second.Str("exchange")));
        Assert.Equal(first.Seq + 1, second.Seq);
        Assert.Equal((2, 2, 0L, 0L), (second.Json.GetProperty("symbols").GetInt32(), second.Json.GetProperty("clients").GetInt32(), second.Json.GetProperty("lost").GetInt64(), second.Json.GetProperty("resyncs").GetInt64()));
        Assert.Equal(["binance", "kraken"], exchanges.Order());
    }
}
