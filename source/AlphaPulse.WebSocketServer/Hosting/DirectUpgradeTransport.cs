using System.Net;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Kestrel's transport for the WebSocket listener alone (<see cref="CanBind"/> takes only a
/// <see cref="WebSocketListenEndPoint"/>); every other listener keeps Kestrel's socket transport. Kestrel
/// asks the transports registered last first, so this one is registered after <c>UseSockets</c>. The listener it
/// binds is recorded in <see cref="ListenerPorts"/>, where shutdown and <c>/ready</c> find it.
/// Under <c>WEBSOCKET_REUSE_PORT</c> the port is shared with the server this one replaces, and a socket joins the
/// port's <c>SO_REUSEPORT</c> group when it listens, not when it binds (the kernel spreads connections over the
/// listening sockets only): so the socket is bound at start (the port is reserved, and port 0 resolved) but
/// listens only once the hub serves data, and until then every new connection goes to the old server.
/// </summary>
internal sealed class DirectUpgradeTransport(ServerSettings settings, DirectUpgrade upgrade, MarketHub hub, ListenerPorts ports, ILoggerFactory loggers) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => endpoint is WebSocketListenEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var listenSocket = settings.ReusePort ? ReusePortSocket.Bind(endpoint, settings.WebSocketPort) : SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        try
        {
            // Without a shared port there is no other server to leave connections to: listen at once.
            Func<bool>? listenWhen = settings.ReusePort ? () => hub.IsLive && !hub.IsDraining : null;
            if (listenWhen is null)
            {
                listenSocket.Listen(DirectUpgradeListener.Backlog);
            }

            var contexts = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions { UnsafePreferInlineScheduling = true }, loggers.CreateLogger<DirectUpgradeTransport>());
            var listener = new DirectUpgradeListener(listenSocket, upgrade, contexts, settings.ShutdownGrace, listenWhen, loggers.CreateLogger<DirectUpgradeListener>());
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
