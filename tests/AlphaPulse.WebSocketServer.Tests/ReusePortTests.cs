using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>A start-first upgrade on a host network: two servers listen on one WebSocket port.</summary>
public sealed class ReusePortTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ShouldLetASecondListenerBindTheWebSocketPortWhileTheFirstListens()
    {
        using var first = ReusePortSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0), 0);
        first.Listen();
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;

        using var second = ReusePortSocket.Bind(new IPEndPoint(IPAddress.Loopback, port), port);
        second.Listen();

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        Assert.True(client.Connected);
    }

    [Fact]
    public void ShouldBindAnyOtherPortExclusivelyAsKestrelDoes()
    {
        using var first = ReusePortSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0), reusedPort: 1);
        first.Listen();
        var port = ((IPEndPoint)first.LocalEndPoint!).Port;

        Assert.Throws<SocketException>(() => ReusePortSocket.Bind(new IPEndPoint(IPAddress.Loopback, port), reusedPort: 1).Dispose());
    }

    [Fact]
    public async Task ShouldListenOnASharedWebSocketPortOnlyOnceARingDeliversData()
    {
        await using var server = await TestServer.StartAsync(settings => settings with { ReusePort = true });
        using var http = new HttpClient();
        var health = await http.GetAsync(new Uri(server.MetricsUri, "health"));
        var notReady = await http.GetAsync(new Uri(server.MetricsUri, "ready"));
        var early = await ConnectErrorAsync(server.WebSocketPort);

        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        await server.WaitReadyAsync(ring);
        using var client = await server.ConnectAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("the WebSocket port does not listen yet", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SocketError.ConnectionRefused, early);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task ShouldLeaveEveryNewConnectionToTheServingInstanceUntilTheNewOneIsReady()
    {
        await using var serving = await TestServer.StartAsync(settings => settings with { ReusePort = true });
        using var servingRing = await serving.AddRingAsync("binance", "BTCUSDT");
        await serving.WaitReadyAsync(servingRing);
        await using var starting = await TestServer.StartAsync(settings => settings with { ReusePort = true, WebSocketPort = serving.WebSocketPort });

        var beforeReady = await ConnectManyAsync(serving, 20);
        var servedBeforeReady = (serving.Hub.ClientCount, starting.Hub.ClientCount);
        using var startingRing = await starting.AddRingAsync("binance", "BTCUSDT");
        await starting.WaitReadyAsync(startingRing);
        var afterReady = await ConnectManyAsync(serving, 20);

        // Both listen now: the kernel hashes each new connection to one of them (20 all to one: 2 in a million).
        Assert.Equal((20, 0), servedBeforeReady);
        Assert.InRange(starting.Hub.ClientCount, 1, 19);
        DisposeAll(beforeReady.Concat(afterReady));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    public void ShouldReadWebSocketReusePort(string? value, bool expected) =>
        Assert.Equal(expected, ServerSettingsReader.Read(name => name == "WEBSOCKET_REUSE_PORT" ? value : null).ReusePort);

    [Fact]
    public void ShouldRefuseAnUnclearWebSocketReusePortNamingTheValue() =>
        Assert.Equal("WEBSOCKET_REUSE_PORT must be true or false: WEBSOCKET_REUSE_PORT='maybe' (unset it for the default false)",
            Assert.Throws<SettingsException>(() => ServerSettingsReader.Read(name => name == "WEBSOCKET_REUSE_PORT" ? "maybe" : null)).Message);

    /// <summary>A plain TCP connect to the port: the socket error, or Success when it connected.</summary>
    private static async Task<SocketError> ConnectErrorAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port);
            return SocketError.Success;
        }
        catch (SocketException exception)
        {
            return exception.SocketErrorCode;
        }
    }

    private static async Task<List<TestClient>> ConnectManyAsync(TestServer server, int count)
    {
        var clients = new List<TestClient>();
        for (var i = 0; i < count; i++)
        {
            clients.Add(await server.ConnectAsync());
        }

        return clients;
    }

    private static void DisposeAll(IEnumerable<TestClient> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
