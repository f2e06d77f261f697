using System.Net.WebSockets;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Exchanges.Coinbase;

/// <summary>The Coinbase endpoint against a real simulator, with a real client.</summary>
public class CoinbaseFeedTests
{
    private const string Credentials = ",\"signature\":\"c2ln\",\"key\":\"k\",\"passphrase\":\"p\",\"timestamp\":\"1700000000\"";

    [Fact]
    public async Task ShouldAnswerSubscribeWithSubscriptionsThenSnapshotThenUpdates()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");

        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2_batch",{"name":"matches","product_ids":["ETH-USD"]}]}""");

        Assert.Equal("""{"type":"subscriptions","channels":[{"name":"level2_batch","product_ids":["BTC-USD"]},{"name":"matches","product_ids":["ETH-USD"]}]}""", await ReceiveTextAsync(socket));
        var snapshot = await ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "snapshot");
        Assert.Equal(["type", "product_id", "bids", "asks"], snapshot.EnumerateObject().Select(p => p.Name));
        var update = await ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "l2update");
        Assert.Equal(["type", "product_id", "changes", "time"], update.EnumerateObject().Select(p => p.Name));
        Assert.All(update.GetProperty("changes").EnumerateArray(), c => Assert.Matches(@"^\[""(buy|sell)"",""\d+\.\d{2}"",""\d+\.\d{8}""\]$", c.GetRawText()));
        var match = await ReceiveUntilAsync(socket, m => m.GetProperty("type").GetString() == "match");
        Assert.Equal(["type", "trade_id", "sequence", "maker_order_id", "taker_order_id", "time", "product_id", "size", "price", "side"], match.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ETH-USD", match.GetProperty("product_id").GetString());
    }

    [Fact]
    public async Task ShouldSendLastMatchThenContinueTradeIdsAndHeartbeatOncePerSecond()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");
        await Task.Delay(300);

        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches","heartbeat"]}""");

        await ReceiveTextAsync(socket);
        var last = await ReceiveJsonAsync(socket);
        Assert.Equal("last_match", last.GetProperty("type").GetString());
        var expected = last.GetProperty("trade_id").GetInt64() + 1;
        var sequence = last.GetProperty("sequence").GetInt64();
        var heartbeat = default(System.Text.Json.JsonElement);
        while (heartbeat.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            var message = await ReceiveJsonAsync(socket);
            if (message.GetProperty("type").GetString() == "heartbeat")
            {
                heartbeat = message;
                continue;
            }
            Assert.Equal(expected++, message.GetProperty("trade_id").GetInt64());
            Assert.True(message.GetProperty("sequence").GetInt64() > sequence, "sequence must increase");
            sequence = message.GetProperty("sequence").GetInt64();
        }
        Assert.Equal(["type", "sequence", "last_trade_id", "product_id", "time"], heartbeat.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected - 1, heartbeat.GetProperty("last_trade_id").GetInt64());
        Assert.True(heartbeat.GetProperty("sequence").GetInt64() >= sequence);
    }

    [Theory]
    [InlineData("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2"]}""", """{"type":"error","message":"Failed to subscribe","reason":"level2, level3, and full channels now require authentication."}""")]
    [InlineData("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["ticket"]}""", """{"type":"error","message":"Failed to subscribe","reason":"ticket is not a valid channel"}""")]
    [InlineData("""{"type":"subscribe","product_ids":["DOGE-USD"],"channels":["matches"]}""", """{"type":"error","message":"Failed to subscribe","reason":"DOGE-USD is not a valid product"}""")]
    [InlineData("""{"type":"hello"}""", """{"type":"error","message":"Failed to subscribe","reason":"message type must be subscribe or unsubscribe: type=hello"}""")]
    public async Task ShouldRefuseBadSubscriptionsWithCoinbasesErrorShape(string request, string expected)
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");

        await SendTextAsync(socket, request);

        Assert.Equal(expected, await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task ShouldSubscribeTheValidProductsBesideAnUnknownOne()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");

        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["DOGE-USD","ETH-USD"],"channels":["heartbeat"]}""");

        Assert.Contains("DOGE-USD is not a valid product", await ReceiveTextAsync(socket), StringComparison.Ordinal);
        Assert.Equal("""{"type":"subscriptions","channels":[{"name":"heartbeat","product_ids":["ETH-USD"]}]}""", await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task ShouldAcceptLevel2WhenTheSubscribeCarriesAuthenticationFields()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");

        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2"]""" + Credentials + "}");

        Assert.Equal("""{"type":"subscriptions","channels":[{"name":"level2","product_ids":["BTC-USD"]}]}""", await ReceiveTextAsync(socket));
        Assert.Equal("snapshot", (await ReceiveJsonAsync(socket)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task ShouldDisconnectAClientThatDoesNotSubscribeWithinFiveSeconds()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/coinbase");

        Assert.Null(await ReceiveTextAsync(socket));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
