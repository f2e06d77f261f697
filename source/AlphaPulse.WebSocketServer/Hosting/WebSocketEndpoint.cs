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
internal sealed class WebSocketEndpoint(ServerSettings settings, MarketHub hub, TokenStore tokens, ConnectionChurn churn, ILogger<WebSocketEndpoint> logger)
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

        await ServeAsync(context).ConfigureAwait(false);
    }

    /// <summary>Accepts the upgrade and serves the client to its end; the session gives the slot back (this does, if the upgrade fails).</summary>
    private async Task ServeAsync(HttpContext context)
    {
        var (encoding, subProtocol) = Negotiate(context);
        WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol, KeepAliveInterval = TimeSpan.Zero }).ConfigureAwait(false);
        }
        catch
        {
            hub.ReleaseSlot();
            throw;
        }

        await Start(socket, encoding, new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort), ended: null).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts serving an accepted client whose slot is reserved (also for <see cref="DirectUpgrade"/>): the
    /// returned task ends when its receive loop and send side have, after the socket is disposed, the slot
    /// given back and <paramref name="ended"/> called. The peer's address is taken as the transport's own
    /// object and formatted only by the log line: a string made here would live as long as the connection
    /// (memory per connection, README Benchmarks).
    /// </summary>
    public Task Start(WebSocket socket, WireEncoding encoding, EndPoint? remote, Action? ended)
    {
        var client = new ClientConnection(socket, encoding, settings.ClientByteBudget, settings.CloseTimeout);
        ServerLog.ClientConnected(logger, client.Id, remote, encoding.ToString());
        return new ClientSession(client, socket, hub, settings, churn, logger, ended).RunAsync();
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
