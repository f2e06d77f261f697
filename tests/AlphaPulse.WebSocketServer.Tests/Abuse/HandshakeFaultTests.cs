using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>A faulty opening handshake is refused with the status RFC 6455 §4.2.2 and §4.4 prescribe and a body naming the fault.</summary>
[Collection(AbuseCases.Name)]
public sealed class HandshakeFaultTests
{
    [Theory]
    [InlineData("8")]
    [InlineData("14")]
    [InlineData(null)]
    public async Task ShouldAnswer426NamingVersion13WhenTheVersionIsUnsupported(string? version)
    {
        await using var arena = await Arena.StartAsync();

        var (socket, answer) = await RawWebSocket.ConnectAsync(arena.Server.WebSocketPort, new Dictionary<string, string?> { ["Sec-WebSocket-Version"] = version });
        socket.Dispose();

        Assert.Equal(426, answer.Status);
        Assert.Equal("13", answer.Headers["Sec-WebSocket-Version"]);
        Assert.Contains("version 13", answer.Body, StringComparison.Ordinal);
        Assert.Contains($"Sec-WebSocket-Version={version ?? "missing"}", answer.Body, StringComparison.Ordinal);
        await arena.AssertUnharmedAsync();
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("not base64!", "is not base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    public async Task ShouldAnswer400SayingWhatIsWrongWithTheKey(string? key, string fault)
    {
        await using var arena = await Arena.StartAsync();

        var (socket, answer) = await RawWebSocket.ConnectAsync(arena.Server.WebSocketPort, new Dictionary<string, string?> { ["Sec-WebSocket-Key"] = key });
        socket.Dispose();

        Assert.Equal(400, answer.Status);
        Assert.Contains("Sec-WebSocket-Key must be 16 random bytes in base64", answer.Body, StringComparison.Ordinal);
        Assert.Contains(fault, answer.Body, StringComparison.Ordinal);
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldAnswer400NamingTheConnectionHeaderWhenItLacksUpgrade()
    {
        await using var arena = await Arena.StartAsync();

        var (socket, answer) = await RawWebSocket.ConnectAsync(arena.Server.WebSocketPort, new Dictionary<string, string?> { ["Connection"] = "keep-alive" });
        socket.Dispose();

        Assert.Equal(400, answer.Status);
        Assert.Contains("Connection: Upgrade", answer.Body, StringComparison.Ordinal);
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldAnswer400AsAPlainHttpRequestWhenThereIsNoUpgradeHeader()
    {
        await using var arena = await Arena.StartAsync();

        var (socket, answer) = await RawWebSocket.ConnectAsync(arena.Server.WebSocketPort, new Dictionary<string, string?> { ["Upgrade"] = null, ["Connection"] = null });
        socket.Dispose();

        Assert.Equal(400, answer.Status);
        Assert.Contains("plain HTTP request", answer.Body, StringComparison.Ordinal);
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldSurviveAThousandHandshakesThatStopHalfway()
    {
        await using var arena = await Arena.StartAsync();

        // Each sends half a request line and resets: Kestrel must drop them all without a trace.
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, token) =>
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync("127.0.0.1", arena.Server.WebSocketPort, token);
            await tcp.GetStream().WriteAsync("GET /ws HTTP/1.1\r\nUpgrade: webs"u8.ToArray(), token);
            tcp.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        });

        await arena.AssertUnharmedAsync();
    }
}
