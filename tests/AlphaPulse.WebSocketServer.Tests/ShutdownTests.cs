using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task ShouldCloseEveryClientWith1012ServiceRestartOnShutdownAndDrain()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var first = await server.ConnectAsync();
        using var second = await server.ConnectAsync();
        await first.SubscribeAsync("trades", "*", "*");

        var stopping = server.StopAsync();
        var closes = new List<Frame>();
        foreach (var client in new[] { first, second })
        {
            closes.Add(await client.ReceiveCloseAsync());

            // The client completes the close handshake (RFC 6455 §5.5.1), as browsers do.
            await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);
        }

        await stopping;
        Assert.All(closes, close => Assert.Equal((WebSocketCloseStatus)1012, close.CloseStatus));
        Assert.All(closes, close => Assert.Equal("service restart", close.CloseReason));
        Assert.Equal(0, server.Hub.ClientCount);
    }

    [Fact]
    public async Task ShouldCloseTheWebSocketListenerBeforeTheHubDrainsWhenStopping()
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();
        var port = server.WebSocketPort;

        // ApplicationStopping alone: Kestrel is still bound, so only the server's own shutdown step can refuse here.
        server.Lifetime.StopApplication();
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await late.ConnectAsync(IPAddress.Loopback, port));
        var close = await client.ReceiveCloseAsync();

        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Equal((WebSocketCloseStatus)1012, close.CloseStatus);
    }

    [Fact]
    public async Task ShouldCompleteThenCloseWith1012AnUpgradeAcceptedWhileDrainingAndReportNotReady()
    {
        await using var server = await TestServer.StartAsync();
        using var client = await server.ConnectAsync();

        // The drain alone, the listener still open: as for an upgrade the listener accepted just before SIGTERM closed it.
        server.Hub.BeginDrain(TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var ready = await http.GetAsync(new Uri(server.MetricsUri, "ready"));
        var lateSocket = new ClientWebSocket();
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        await lateSocket.ConnectAsync(server.WebSocketUri, guard.Token);
        using var late = new TestClient(lateSocket);
        var lateClose = await late.ReceiveCloseAsync();
        var close = await client.ReceiveCloseAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal((WebSocketCloseStatus)1012, lateClose.CloseStatus);
        Assert.Equal((WebSocketCloseStatus)1012, close.CloseStatus);
    }
}
