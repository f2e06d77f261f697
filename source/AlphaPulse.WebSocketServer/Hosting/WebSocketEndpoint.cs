using System.Net;
using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;
using Microsoft.Extensions.Primitives;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// <c>GET /ws</c>: checks the upgrade (handshake faults, origin allow-list, token, a client slot reserved
/// atomically) before accepting, negotiates the encoding (RFC 6455 §1.9 subprotocol, or <c>?encoding=binary</c>), then
/// runs the client's receive loop here until it and the send side have ended. Stateless. A draining server
/// refuses nobody: SIGTERM closes the WebSocket listen socket before the drain starts (<see cref="ShutdownCoordinator"/>),
/// so every upgrade that reaches here was accepted before it, and is completed like any in-flight request of a
/// graceful shutdown; the hub then closes it with 1012 at once, as it closes every connected client.
/// </summary>
internal sealed class WebSocketEndpoint(ServerSettings settings, MarketHub hub, TokenStore tokens, ILogger<WebSocketEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (!context.WebSockets.IsWebSocketRequest)
        {
            var refusal = HandshakeRefusal.Diagnose(context.Request);
            refusal.AddHeaders(context.Response);
            await RefuseAsync(context, refusal.Status, refusal.Reason, refusal.Message, remote).ConfigureAwait(false);
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (settings.AllowedOrigins.Count > 0 && origin.Length > 0 && !settings.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "origin", $"a browser connects only from an allowed origin: origin={origin} (add it to ALLOWED_ORIGINS)", remote).ConfigureAwait(false);
            return;
        }

        if (!tokens.Accepts(TokenOf(context.Request)))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "token", "a connection needs a valid token: missing or not listed (send Authorization: Bearer <token>, or ?token=<token> from a browser)", remote).ConfigureAwait(false);
            return;
        }

        if (!hub.TryReserveSlot(settings.MaxClients))
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "capacity", $"a server holds at most {settings.MaxClients} clients: full (retry on another replica, or raise MAX_CLIENTS)", remote).ConfigureAwait(false);
            return;
        }

        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            hub.ReleaseSlot();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var (encoding, subProtocol) = Negotiate(context);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol, KeepAliveInterval = TimeSpan.Zero }).ConfigureAwait(false);
        await ServeAsync(socket, encoding, new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an accepted client until its receive loop and send side have ended (also for <see cref="DirectUpgrade"/>).
    /// The peer's address is taken as the transport's own object and formatted only by the log line: a
    /// string made here would live as long as the connection (memory per connection, README Benchmarks).
    /// </summary>
    public async Task ServeAsync(WebSocket socket, WireEncoding encoding, EndPoint? remote)
    {
        using var client = new ClientConnection(socket, encoding, settings.ClientByteBudget, settings.CloseTimeout);
        using var session = new ClientSession(client, socket, hub, settings);
        ServerLog.ClientConnected(logger, client.Id, remote, encoding.ToString());
        hub.Post(new HubCommand.Connect(client));
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            client.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "connection lost", flush: false);
            hub.Post(new HubCommand.Disconnect(client));
            await client.Finished.ConfigureAwait(false);
            ServerLog.ClientDisconnected(logger, client.Id);
        }
    }

    private static (WireEncoding Encoding, string? SubProtocol) Negotiate(HttpContext context) =>
        UpgradeRequest.Negotiate(context.WebSockets.WebSocketRequestedProtocols, context.Request.Query["encoding"] == "binary");

    private static string? TokenOf(HttpRequest request) =>
        UpgradeRequest.TokenOf(request.Headers.Authorization.ToString(), request.Query.TryGetValue("token", out StringValues token) ? token.ToString() : null);

    private async Task RefuseAsync(HttpContext context, int status, string reason, string message, string remote)
    {
        ServerMetrics.Rejected.WithLabels(reason).Inc();
        ServerLog.Refused(logger, message, remote);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(message).ConfigureAwait(false);
    }
}
