using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>What docs/websocket-protocol.md promises about names, ids and error texts, checked against the server.</summary>
public sealed class ProtocolPageTests
{
    [Theory]
    [InlineData("BTC-USDT")]
    [InlineData("BTCUSDT")]
    [InlineData("BTC/USDT")]
    [InlineData("btc_usdt")]
    public async Task ShouldAcceptTheNormalisedSymbolAndTheExchangesOwnSpelling(string spelling)
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTC-USDT");
        using var client = await server.ConnectAsync();

        var subscribed = await client.SubscribeAsync("trades", "binance", spelling);
        ring.Trade(0, 67000m, 0.5m);
        var trade = await client.ReceiveTypeAsync("trade");

        Assert.Equal(1, subscribed.Json.GetProperty("streams").GetInt32());
        Assert.Equal("BTC-USDT", trade.Str("symbol"));
    }

    [Fact]
    public async Task ShouldTreatTwoSpellingsOfOneSymbolAsOneSubscription()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTC-USDT");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT", id: 1);
        await client.SubscribeAsync("trades", "binance", "BTC-USDT", id: 2);

        await client.SendAsync(new { op = "unsubscribe", channel = "trades", exchange = "binance", symbol = "BTC/USDT", id = 3 });
        var unsubscribed = await client.ReceiveTypeAsync("unsubscribed");
        ring.Trade(0, 67000m, 0.5m);
        await client.SendAsync(new { op = "ping", id = 4 });
        var next = await client.ReceiveUntilAsync("the pong", frame => frame.Type is "pong" or "trade");

        Assert.Equal(3, unsubscribed.Json.GetProperty("id").GetInt64());
        Assert.Equal("pong", next.Type);
    }

    [Fact]
    public async Task ShouldNameTheListedSymbolsWhenASymbolIsUnknown()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTC-USDT", "ETH-USDT");
        using var client = await server.ConnectAsync();

        await client.SendAsync(new { op = "subscribe", channel = "trades", exchange = "binance", symbol = "DOGE-BTC", id = 8 });
        var error = await client.ReceiveTypeAsync("error");

        Assert.Equal("unknown_symbol", error.Str("code"));
        Assert.Equal(8, error.Json.GetProperty("id").GetInt64());
        Assert.Contains("symbol=DOGE-BTC, listed=BTC-USDT,ETH-USDT", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains("BTCUSDT", error.Str("message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":5,\"op\":\"subscribe\",\"channel\":", "malformed_json", 5)]
    [InlineData("{\"op\":\"dance\",\"id\":6}", "unknown_op", 6)]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"candles\",\"id\":7}", "unknown_channel", 7)]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":7,\"id\":8}", "unsupported_depth", 8)]
    public async Task ShouldEchoTheIdOfARefusedRequestWhenItCanBeRead(string request, string code, long id)
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();

        await client.SendTextAsync(request);
        var error = await client.ReceiveTypeAsync("error");

        Assert.Equal(code, error.Str("code"));
        Assert.Equal(id, error.Json.GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("\"10\"", "depth=\"10\"")]
    [InlineData("7", "depth=7")]
    [InlineData("2.5", "depth=2.5")]
    [InlineData("{\"a\":1}", "depth=an object")]
    public async Task ShouldQuoteTheDepthAsSentWhenRefusingIt(string depth, string quoted)
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();

        await client.SendTextAsync($"{{\"op\":\"subscribe\",\"channel\":\"book\",\"exchange\":\"*\",\"symbol\":\"*\",\"depth\":{depth}}}");
        var error = await client.ReceiveTypeAsync("error");

        Assert.Equal("unsupported_depth", error.Str("code"));
        Assert.Contains(quoted, error.Str("message"), StringComparison.Ordinal);
    }
}
