using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// The two Kestrel listeners (WebSockets + dashboard, and metrics/health). Kestrel writes the bound
/// port back into each <see cref="ListenOptions"/>, so with port 0 (tests) the real ports are known
/// after start. Written while Kestrel is configured, read-only after start.
/// </summary>
public sealed class ListenerPorts
{
    internal ListenOptions? WebSocketListener { get; set; }

    internal ListenOptions? MetricsListener { get; set; }

    /// <summary>The WebSocket port's accept loop, once Kestrel has bound it (SIGTERM stops it first).</summary>
    internal DirectUpgradeListener? WebSocketAcceptor { get; set; }

    /// <summary>The WebSocket port listens (any thread); under WEBSOCKET_REUSE_PORT only once a ring delivers data.</summary>
    public bool WebSocketListening => WebSocketAcceptor?.IsListening == true;

    public int WebSocketPort => WebSocketListener?.IPEndPoint?.Port ?? 0;

    public int MetricsPort => MetricsListener?.IPEndPoint?.Port ?? 0;
}
