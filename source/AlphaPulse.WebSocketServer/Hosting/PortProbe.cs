using System.Net;
using System.Net.Sockets;
using AlphaPulse.WebSocketServer.Configuration;
using Microsoft.AspNetCore.Connections;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Before the host starts: is each configured port free? A taken port is reported the way Kestrel
/// reports it (an IOException around an AddressInUseException), so ServiceRunner prints its one
/// "address already in use" line — but before the host exists, so the host's own "Hosting failed to
/// start" log with its stack trace never appears. Binds the way Kestrel does (.NET sets SO_REUSEADDR
/// on Linux), so a port in TIME_WAIT is not reported. Stateless.
/// </summary>
public static class PortProbe
{
    /// <exception cref="IOException">A port is taken; the message names the variable and the address.</exception>
    public static void ThrowIfTaken(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var address = IPAddress.Parse(settings.BindAddress);
        foreach (var (variable, port) in new[] { ("WEBSOCKET_PORT", settings.WebSocketPort), ("METRICS_PORT", settings.MetricsPort) })
        {
            // With WEBSOCKET_REUSE_PORT an old instance legitimately holds the port (SO_REUSEPORT, start-first upgrades).
            var shared = variable == "WEBSOCKET_PORT" && settings.ReusePort;
            if (port != 0 && !shared && !CanBind(address, port))
            {
                throw new IOException($"{variable}={port} cannot be bound on {address}:{port}: address already in use (is an earlier `./build.sh Up` still running?)", new AddressInUseException("Address already in use"));
            }
        }
    }

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
