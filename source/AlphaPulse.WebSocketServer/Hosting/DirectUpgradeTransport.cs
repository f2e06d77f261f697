using System.Net;
using AlphaPulse.WebSocketServer.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Kestrel's transport for the WebSocket listener alone (<see cref="CanBind"/> takes only a
/// <see cref="WebSocketListenEndPoint"/>); every other listener keeps Kestrel's socket transport. Kestrel
/// asks the transports registered last first, so this one is registered after <c>UseSockets</c>. The listener it
/// binds is recorded in <see cref="ListenerPorts"/>, where shutdown finds it.
/// </summary>
internal sealed class DirectUpgradeTransport(ServerSettings settings, DirectUpgrade upgrade, ListenerPorts ports, ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>Kestrel's default accept backlog (SocketTransportOptions.Backlog).</summary>
    private const int Backlog = 512;

    public bool CanBind(EndPoint endpoint) => endpoint is WebSocketListenEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listenSocket = settings.ReusePort ? ReusePortSocket.Bind(endpoint, settings.WebSocketPort) : SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        try
        {
            listenSocket.Listen(Backlog);
            var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions { UnsafePreferInlineScheduling = true }, loggers.CreateLogger<DirectUpgradeTransport>());
            var listener = new DirectUpgradeListener(listenSocket, upgrade, contexts, settings.ShutdownGrace);
            ports.WebSocketAcceptor = listener;
            return ValueTask.FromResult<IConnectionListener>(listener);
        }
        catch
        {
            listenSocket.Dispose();
            throw;
        }
    }
}
