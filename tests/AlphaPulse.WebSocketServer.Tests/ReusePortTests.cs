using System.Net;
using System.Net.Sockets;
using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;

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
}
