using System.Net;
using AlphaPulse.WebSocketServer.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Kestrel's transport for the WebSocket listener alone (<see cref="CanBind"/> takes only a
/// <see cref="WebSocketListenEndPoint"/>); every other listener keeps Kestrel's socket transport. Kestrel
/// asks the transports registered last first, so this one is registered after <c>UseSockets</c>. Stateless.
/// </summary>
internal sealed class DirectUpgradeTransport(ServerSettings settings, DirectUpgrade upgrade, ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
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
            return ValueTask.FromResult<IConnectionListener>(new DirectUpgradeListener(listenSocket, upgrade, contexts, settings.ShutdownGrace));
        }
        catch
        {
            listenSocket.Dispose();
            throw;
        }
    }
}
