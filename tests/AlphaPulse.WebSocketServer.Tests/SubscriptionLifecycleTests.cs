using System.Net.WebSockets;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Protocol;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>
/// The hub's answers to subscribe, unsubscribe and resnapshot over a real socket when patterns overlap,
/// repeat or name nothing subscribed: one copy of each message per stream, whatever the patterns.
/// A ping is the barrier: the hub answers requests in arrival order, so what precedes the pong was sent before it.
/// </summary>
public sealed class SubscriptionLifecycleTests
{
    [Fact]
    public async Task ShouldDeliverOneCopyPerStreamUntilTheLastOverlappingPatternIsUnsubscribed()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT", "ETHUSDT");
        using var client = await server.ConnectAsync();
        var wildcard = await client.SubscribeAsync("trades", "*", "*", id: 1);
        var specific = await client.SubscribeAsync("trades", "binance", "btc/usdt", id: 2);

        ring.Trade(0, 100m, 1m);
        ring.Trade(0, 101m, 1m);
        var first = await NextDataAsync(client);
        var second = await NextDataAsync(client);

        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "*", symbol = "*", id = 3 });
        var dropped = await client.ReceiveTypeAsync("unsubscribed");
        ring.Trade(0, 102m, 1m);
        var stillSubscribed = await NextDataAsync(client);

        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "BINANCE", symbol = "BTCUSDT", id = 4 });
        var last = await client.ReceiveTypeAsync("unsubscribed");
        ring.Trade(0, 103m, 1m);
        ring.Trade(1, 5m, 1m);
        await client.SendAsync(new { op = "ping", id = 5 });

        Assert.Equal((2, 1), (wildcard.Json.GetProperty("streams").GetInt32(), specific.Json.GetProperty("streams").GetInt32()));
        Assert.Equal(("trade", "100", "trade", "101"), (first.Type, first.Str("price"), second.Type, second.Str("price")));
        Assert.Equal(first.Seq + 1, second.Seq);
        Assert.Equal((3L, 2), (dropped.Json.GetProperty("id").GetInt64(), dropped.Json.GetProperty("streams").GetInt32()));
        Assert.Equal(("trade", "102", second.Seq + 1), (stillSubscribed.Type, stillSubscribed.Str("price"), stillSubscribed.Seq));
        Assert.Equal((4L, "trades", "BINANCE", "BTCUSDT"), (last.Json.GetProperty("id").GetInt64(), last.Str("channel"), last.Str("exchange"), last.Str("symbol")));
        Assert.Equal("pong", (await NextDataAsync(client)).Type);
    }

    [Fact]
    public async Task ShouldAcknowledgeARepeatedSubscribeWithoutDoublingAnything()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { MaxSubscriptions = 1 });
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 1);

        var again = await client.SubscribeAsync("trades", "binance", "BTC-USDT", id: 2);
        ring.Trade(0, 100m, 1m);
        var trade = await NextDataAsync(client);
        var afterTrade = await PingAsync(client);

        // One pattern held, so a second one is refused; unsubscribing the one held ends the subscription.
        await client.SendAsync(new { op = "subscribe", channel = "ticker", exchange = "binance", symbol = "BTCUSDT", id = 3 });
        var refused = await client.ReceiveTypeAsync("error");
        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 4 });
        await client.ReceiveTypeAsync("unsubscribed");
        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 5 });
        var notSubscribed = await client.ReceiveTypeAsync("error");

        Assert.Equal((2L, 1), (again.Json.GetProperty("id").GetInt64(), again.Json.GetProperty("streams").GetInt32()));
        Assert.Equal(("trade", "pong"), (trade.Type, afterTrade.Type));
        Assert.Equal(("too_many_subscriptions", 3L), (refused.Str("code"), refused.Json.GetProperty("id").GetInt64()));
        Assert.Equal("a client holds at most 1 subscriptions: held=1 (unsubscribe first, or use a wildcard)", refused.Str("message"));
        Assert.Equal(("not_subscribed", 5L), (notSubscribed.Str("code"), notSubscribed.Json.GetProperty("id").GetInt64()));
        Assert.Equal("unsubscribe names a subscription exactly as subscribed: channel=trades, exchange=binance, symbol=BTCUSDT, depth=0 (repeat the subscribe request's fields)", notSubscribed.Str("message"));
    }

    [Fact]
    public async Task ShouldResnapshotEveryBookThePatternMatchesAndOnlyBooksSubscribed()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT", "ETHUSDT");
        ring.Snapshot(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(1))], [new PriceLevel(TestRing.Price(101), TestRing.Size(1))]);
        ring.Snapshot(1, [new PriceLevel(TestRing.Price(10), TestRing.Size(2))], [new PriceLevel(TestRing.Price(11), TestRing.Size(2))]);
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "*", id: 1);
        var books = await client.SubscribeAsync("book", "binance", "*", depth: 5, id: 2);
        var snapshots = new[] { await client.ReceiveTypeAsync("book_snapshot"), await client.ReceiveTypeAsync("book_snapshot") };

        await client.SendAsync(new { op = "resnapshot", channel = "book", exchange = "*", symbol = "*", depth = 5, id = 3 });
        var again = new[] { await NextDataAsync(client), await NextDataAsync(client) };
        await client.SendAsync(new { op = "resnapshot", channel = "book", exchange = "binance", symbol = "*", depth = 10, id = 4 });
        var otherDepth = await NextDataAsync(client);
        await client.SendAsync(new { op = "resnapshot", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 5 });
        var trades = await NextDataAsync(client);

        Assert.Equal(2, books.Json.GetProperty("streams").GetInt32());
        Assert.Equal(["BTCUSDT", "ETHUSDT"], snapshots.Select(snapshot => snapshot.Str("symbol")).Order());
        Assert.All(again, snapshot => Assert.Equal(("book_snapshot", 5), (snapshot.Type, snapshot.Json.GetProperty("depth").GetInt32())));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], again.Select(snapshot => snapshot.Str("symbol")).Order());
        Assert.Equal(("error", "not_subscribed", 4L), (otherDepth.Type, otherDepth.Str("code"), otherDepth.Json.GetProperty("id").GetInt64()));
        Assert.Equal("resnapshot needs a book subscription it matches: exchange=binance, symbol=*, depth=10 (subscribe to the book first)", otherDepth.Str("message"));
        Assert.Equal(("error", "not_subscribed", 5L), (trades.Type, trades.Str("code"), trades.Json.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task ShouldSnapshotTheBookAsItIsNowToTheFirstSubscriberAfterChangesNobodyWatched()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        ring.Snapshot(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(1))], [new PriceLevel(TestRing.Price(101), TestRing.Size(1))]);
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 1);
        await client.SubscribeAsync("book", "binance", "BTCUSDT", depth: 5, id: 2);
        await client.ReceiveTypeAsync("book_snapshot");
        await client.SendAsync(new { op = "unsubscribe", channel = "book", exchange = "binance", symbol = "BTCUSDT", depth = 5, id = 3 });
        await client.ReceiveTypeAsync("unsubscribed");

        // The book changes while nobody watches it; the trade after the change shows the hub has read it.
        ring.Delta(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(5)), new PriceLevel(TestRing.Price(99), TestRing.Size(2))], []);
        ring.Trade(0, 100m, 1m);
        await client.ReceiveTypeAsync("trade");
        await client.SubscribeAsync("book", "binance", "BTCUSDT", depth: 5, id: 4);
        var snapshot = await client.ReceiveTypeAsync("book_snapshot");

        Assert.Equal("[[\"100\",\"5\"],[\"99\",\"2\"]]", snapshot.Json.GetProperty("bids").GetRawText());
        Assert.Equal("[[\"101\",\"1\"]]", snapshot.Json.GetProperty("asks").GetRawText());
    }

    [Fact]
    public async Task ShouldAnnounceEachStreamToABinaryClientOnceHoweverOftenItSubscribes()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync(options => options.AddSubProtocol(ProtocolNames.BinarySubProtocol));

        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 1);
        var announced = await NextDataAsync(client);
        await client.SubscribeAsync("trades", "*", "*", id: 2);
        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "binance", symbol = "BTCUSDT", id = 3 });
        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "*", symbol = "*", id = 4 });
        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 5);
        ring.Trade(0, 100m, 1m);

        var next = await client.ReceiveUntilAsync("a binary frame or a stream announcement", frame => frame.Kind == WebSocketMessageType.Binary || (frame.Kind == WebSocketMessageType.Text && frame.Type == "stream"));

        Assert.Equal(("stream", "trades"), (announced.Type, announced.Str("channel")));
        Assert.Equal(WebSocketMessageType.Binary, next.Kind);
    }

    [Fact]
    public async Task ShouldCountTheConnectedClientsInEveryHeartbeat()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { HeartbeatInterval = TimeSpan.FromMilliseconds(50) });
        using var first = await server.ConnectAsync();
        using (var second = await server.ConnectAsync())
        {
            await PingAsync(second);
            Assert.Equal(2, await NextHeartbeatClientsAsync(first, after: DateTimeOffset.UtcNow));
            await second.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        while (await NextHeartbeatClientsAsync(first, after: DateTimeOffset.UtcNow) != 1)
        {
            guard.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The next frame that is not a heartbeat.</summary>
    private static Task<Frame> NextDataAsync(TestClient client) =>
        client.ReceiveUntilAsync("a frame other than a heartbeat", frame => frame.Kind != WebSocketMessageType.Text || frame.Type != "heartbeat");

    private static async Task<Frame> PingAsync(TestClient client)
    {
        await client.SendAsync(new { op = "ping", id = 99 });
        return await NextDataAsync(client);
    }

    /// <summary>The client count of the first heartbeat stamped after <paramref name="after"/> (an earlier one may have been queued before).</summary>
    private static async Task<int> NextHeartbeatClientsAsync(TestClient client, DateTimeOffset after)
    {
        while (true)
        {
            var heartbeat = await client.ReceiveTypeAsync("heartbeat");
            if (heartbeat.Json.GetProperty("time").GetInt64() > after.ToUnixTimeMilliseconds())
            {
                return heartbeat.Json.GetProperty("clients").GetInt32();
            }
        }
    }
}
