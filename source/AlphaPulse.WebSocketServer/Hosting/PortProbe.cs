using System.Net;
using System.Net.Sockets;
using AlphaPulse.WebSocketServer.Configuration;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Before Kestrel starts: is each configured port free? A taken port is answered with one line — the
/// variable, the address, "address already in use", the fix — rather than the host's stack trace
/// (an earlier <c>./build.sh Up</c> still running is the usual cause). Binds the way Kestrel does
/// (.NET sets SO_REUSEADDR on Linux), so a port in TIME_WAIT is not reported. Stateless.
/// </summary>
public static class PortProbe
{
    /// <summary>The error line for the first taken port, or null when every port can be bound.</summary>
    public static string? FindTaken(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var address = IPAddress.Parse(settings.BindAddress);
        foreach (var (variable, port) in new[] { ("WEBSOCKET_PORT", settings.WebSocketPort), ("METRICS_PORT", settings.MetricsPort) })
        {
            // With WEBSOCKET_REUSE_PORT an old instance legitimately holds the port (SO_REUSEPORT, start-first upgrades).
            var shared = variable == "WEBSOCKET_PORT" && settings.ReusePort;
            if (port != 0 && !shared && !CanBind(address, port))
            {
                return Taken(variable, address, port);
            }
        }

        return null;
    }

    /// <summary>The same line, for a bind that failed in Kestrel itself (the port was taken between the probe and the start).</summary>
    public static string Taken(string variable, IPAddress address, int port) =>
        $"{variable}={port} cannot be bound on {address}: address already in use (stop the process listening there, e.g. an earlier ./build.sh Up, or set {variable} to a free port)";

    private static bool CanBind(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }
}
