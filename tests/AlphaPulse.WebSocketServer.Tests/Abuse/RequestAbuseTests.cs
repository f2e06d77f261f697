using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>Floods, refused requests and subscription hoarding: each answered as the protocol page says, nobody else affected.</summary>
[Collection(AbuseCases.Name)]
public sealed class RequestAbuseTests
{
    [Theory]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"ftx\",\"symbol\":\"*\"}", "unknown_exchange")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"binance\",\"symbol\":\"DOGE-BTC\"}", "unknown_symbol")]
    [InlineData("{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\"}", "not_subscribed")]
    [InlineData("{\"op\":\"resnapshot\",\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\"}", "not_subscribed")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"depth\":7}", "unsupported_depth")]
    public async Task ShouldCloseAClientWhoseRefusedRequestsReachMaxBadMessages(string request, string code)
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxBadMessages = 5, MaxRequestsPerSecond = 1000 });
        using (var client = await arena.Server.ConnectAsync())
        {
            for (var i = 0; i < 5; i++)
            {
                await client.SendTextAsync(request);
            }

            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(code, (await client.ReceiveTypeAsync("error")).Str("code"));
            }

            Assert.Equal("too_many_bad_messages", (await client.ReceiveTypeAsync("error")).Str("code"));
            var close = await client.ReceiveCloseAsync();
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
            Assert.Equal("too many bad messages", close.CloseReason);
        }

        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldCloseEveryClientOfARequestFloodWith1008()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxRequestsPerSecond = 20 });
        var flooders = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => arena.Server.ConnectAsync()));

        await Task.WhenAll(flooders.Select(async flooder =>
        {
            // Far past the burst of 40: pings are the cheapest request, so this is pure rate.
            for (var i = 0; i < 200; i++)
            {
                await flooder.SendTextAsync("{\"op\":\"ping\"}");
            }

            var error = await flooder.ReceiveTypeAsync("error");
            var close = await flooder.ReceiveCloseAsync();
            Assert.Equal("rate_limited", error.Str("code"));
            Assert.Equal("request flood: too many requests per second", close.CloseReason);
            flooder.Dispose();
        }));

        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldRefuseSubscriptionsPastTheLimitAndKeepTheOnesHeld()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxSubscriptions = 4, MaxRequestsPerSecond = 1000 });
        using (var hoarder = await arena.Server.ConnectAsync())
        {
            var depths = new[] { 1, 5, 10, 25, 50, 100 };
            for (var i = 0; i < depths.Length; i++)
            {
                await hoarder.SendAsync(new { op = "subscribe", channel = "book", exchange = "binance", symbol = "BTC-USDT", depth = depths[i], id = i });
            }

            var answers = new List<Frame>();
            while (answers.Count < depths.Length)
            {
                var frame = await hoarder.ReceiveJsonAsync();
                if (frame.Type is "subscribed" or "error")
                {
                    answers.Add(frame);
                }
            }

            Assert.Equal(4, answers.Count(frame => frame.Type == "subscribed"));
            Assert.All(answers.Where(frame => frame.Type == "error"), frame => Assert.Equal("too_many_subscriptions", frame.Str("code")));
            Assert.Equal([4L, 5L], answers.Where(frame => frame.Type == "error").Select(frame => frame.Json.GetProperty("id").GetInt64()));

            // Refusals past the limit are not abuse: the client stays and its subscriptions work.
            await hoarder.SendAsync(new { op = "ping", id = 50 });
            Assert.Equal(50, (await hoarder.ReceiveTypeAsync("pong")).Json.GetProperty("id").GetInt64());
        }

        await arena.AssertUnharmedAsync();
    }
}
