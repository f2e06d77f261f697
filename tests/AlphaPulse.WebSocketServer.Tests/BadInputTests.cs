using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>Every bad input gets a JSON error naming the problem; abuse also gets a close with a clear code.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("{not json", "malformed_json")]
    [InlineData("[1,2,3]", "malformed_json")]
    [InlineData("{\"op\":\"subscribe\"} {}", "malformed_json")]
    [InlineData("{\"op\":\"dance\"}", "unknown_op")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"candles\"}", "unknown_channel")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"ftx\",\"symbol\":\"*\"}", "unknown_exchange")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"binance\",\"symbol\":\"DOGEBTC\"}", "unknown_symbol")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"depth\":7}", "unsupported_depth")]
    [InlineData("{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\"}", "not_subscribed")]
    [InlineData("{\"op\":\"resnapshot\",\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\"}", "not_subscribed")]
    public async Task ShouldAnswerABadRequestWithAnErrorNamingTheProblemAndStayConnected(string request, string code)
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();

        await client.SendTextAsync(request);
        var error = await client.ReceiveTypeAsync("error");
        await client.SendAsync(new { op = "ping", id = 1 });

        Assert.Equal(code, error.Str("code"));
        Assert.Contains(":", error.Str("message"));
        Assert.Contains("(", error.Str("message"));
        Assert.Equal("pong", (await client.ReceiveTypeAsync("pong")).Type);
    }

    [Fact]
    public async Task ShouldCloseWith1009WhenARequestFrameIsTooLarge()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { MaxMessageBytes = 1024 });
        using var client = await server.ConnectAsync();

        await client.SendTextAsync("{\"op\":\"ping\",\"pad\":\"" + new string('x', 5000) + "\"}");

        var error = await client.ReceiveTypeAsync("error");
        var close = await client.ReceiveCloseAsync();
        Assert.Equal("message_too_large", error.Str("code"));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, close.CloseStatus);
    }

    [Fact]
    public async Task ShouldRefuseSubscriptionsBeyondTheLimit()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { MaxSubscriptions = 2 });
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync();
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");
        await client.SubscribeAsync("ticker", "binance", "BTCUSDT");

        await client.SendAsync(new { op = "subscribe", channel = "stats", exchange = "*", id = 3 });
        var error = await client.ReceiveTypeAsync("error");

        Assert.Equal("too_many_subscriptions", error.Str("code"));
        Assert.Equal(3, error.Json.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ShouldCloseASubscribeFloodWith1008()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { MaxRequestsPerSecond = 5 });
        using var client = await server.ConnectAsync();

        for (var i = 0; i < 50; i++)
        {
            await client.SendAsync(new { op = "subscribe", channel = "trades", exchange = "*", symbol = "*", id = i });
        }

        var error = await client.ReceiveTypeAsync("error");
        while (error.Str("code") != "rate_limited")
        {
            error = await client.ReceiveTypeAsync("error");
        }

        var close = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.Contains("flood", close.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldCloseAClientThatKeepsSendingBadRequests()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { MaxBadMessages = 3 });
        using var client = await server.ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            await client.SendTextAsync("nope");
        }

        var close = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.Equal("too many bad messages", close.CloseReason);
    }

    [Fact]
    public async Task ShouldCloseWith1003WhenARequestIsABinaryFrame()
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);

        var error = await client.ReceiveTypeAsync("error");
        var close = await client.ReceiveCloseAsync();
        Assert.Equal("binary_not_accepted", error.Str("code"));
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, close.CloseStatus);
    }

    [Fact]
    public async Task ShouldAnswerAPlainHttpRequestToTheSocketPathWith400()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(server.HttpUri, "ws"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
