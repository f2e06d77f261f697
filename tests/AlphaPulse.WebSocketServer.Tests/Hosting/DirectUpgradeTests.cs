using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Hosting;

/// <summary>Plain upgrades are served off the HTTP pipeline; everything else still gets the HTTP answers.</summary>
public sealed class DirectUpgradeTests
{
    [Fact]
    public async Task ShouldAnswerAPlainUpgradeOffTheHttpPipeline()
    {
        await using var server = await TestServer.StartAsync();

        var (socket, answer) = await RawWebSocket.ConnectAsync(server.WebSocketPort);
        using (socket)
        {
            Assert.Equal(101, answer.Status);

            // Kestrel's HTTP pipeline dates every response; the WebSocket transport's own 101 has no Date.
            Assert.False(answer.Headers.ContainsKey("Date"));
            Assert.Contains("\"welcome\"", (await socket.ReceiveAsync()).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShouldServeAnUpgradeWhoseHeadArrivesInTwoPartsOffTheHttpPipeline()
    {
        await using var server = await TestServer.StartAsync();

        // The listener peeks the head; half of it, then the rest 200 ms later, is still a plain upgrade.
        var (socket, answer) = await RawWebSocket.ConnectAsync(server.WebSocketPort, pauseMidHead: TimeSpan.FromMilliseconds(200));
        using (socket)
        {
            Assert.Equal(101, answer.Status);
            Assert.False(answer.Headers.ContainsKey("Date"));
            Assert.Contains("\"welcome\"", (await socket.ReceiveAsync()).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShouldLeaveARefusedUpgradeToTheHttpPipelineWithItsReason()
    {
        var tokens = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokens, "s3cret\n");
        await using var server = await TestServer.StartAsync(settings => settings with { TokenFile = tokens });

        var (socket, answer) = await RawWebSocket.ConnectAsync(server.WebSocketPort, new Dictionary<string, string?> { ["Authorization"] = "Bearer wrong" });
        using (socket)
        {
            Assert.Equal(401, answer.Status);
            Assert.True(answer.Headers.ContainsKey("Date"));
            Assert.Contains("valid token", answer.Body, StringComparison.Ordinal);
        }

        File.Delete(tokens);
    }

    [Fact]
    public async Task ShouldServeThePageOnTheSameListener()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();

        var page = await http.GetAsync(server.HttpUri);

        Assert.True(page.IsSuccessStatusCode);
    }
}
