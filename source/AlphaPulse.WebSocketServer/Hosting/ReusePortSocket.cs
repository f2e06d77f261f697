using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Listen sockets for <c>WEBSOCKET_REUSE_PORT=true</c>: the WebSocket port is bound with Linux's
/// <c>SO_REUSEPORT</c> (socket(7)), so two server processes of the same user can listen on it at once and
/// the kernel spreads new connections between them. A start-first upgrade on a host network relies on it:
/// the new server listens (once it serves data, <see cref="DirectUpgradeTransport"/>) before the old one stops
/// listening. Every other port binds as Kestrel's default does.
/// </summary>
public static class ReusePortSocket
{
    // <asm-generic/socket.h>: SOL_SOCKET = 1, SO_REUSEPORT = 15 (.NET has no named option for it).
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    public static Socket Bind(EndPoint endpoint, int reusedPort)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is not IPEndPoint ip || ip.Port != reusedPort || !OperatingSystem.IsLinux())
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(ip);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
