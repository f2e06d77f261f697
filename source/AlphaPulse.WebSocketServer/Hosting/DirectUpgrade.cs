using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;
using Microsoft.AspNetCore.Connections;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Kestrel connection middleware on the WebSocket listener: a connection whose first request is a plain,
/// admissible upgrade to <c>/ws</c> (<see cref="UpgradeRequest"/>; not draining, origin allowed, token
/// valid, a client slot free) is answered 101 here and served over the transport's pipes, so no HTTP/1
/// connection, request, headers or upgrade-stream layers stay alive for the life of the socket (about
/// 4.6 KB per client, measured in heap dumps: README, Benchmarks). Everything else — the dashboard, faulty
/// handshakes, refusals with their reasons — goes to the HTTP pipeline with the bytes untouched. Stateless.
/// </summary>
internal sealed class DirectUpgrade(ServerSettings settings, MarketHub hub, TokenStore tokens, WebSocketEndpoint endpoint)
{
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        // Only the negotiated encoding and subprotocol outlive the handshake: this method waits as long
        // as the connection lives, so the request, its strings and the read buffers stay in AdmitAsync.
        var admitted = await AdmitAsync(connection).ConfigureAwait(false);
        if (admitted is not { } upgrade)
        {
            // Nothing consumed or examined: the HTTP pipeline reads the same bytes at once.
            await next(connection).ConfigureAwait(false);
            return;
        }

        try
        {
            using var socket = WebSocket.CreateFromStream(new DuplexPipeStream(connection), new WebSocketCreationOptions { IsServer = true, SubProtocol = upgrade.SubProtocol, KeepAliveInterval = TimeSpan.Zero });
            await endpoint.ServeAsync(socket, upgrade.Encoding, connection.RemoteEndPoint).ConfigureAwait(false);
        }
        finally
        {
            hub.ReleaseSlot();
        }
    }

    /// <summary>
    /// Reads the request head; when it is a plain, admissible upgrade, consumes it, reserves the client's
    /// slot and answers 101, and returns what the session needs. Null leaves the bytes to the HTTP pipeline.
    /// </summary>
    private async ValueTask<(WireEncoding Encoding, string? SubProtocol)?> AdmitAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var buffer = result.Buffer;
            var head = UpgradeRequest.HeadLength(buffer);
            if (head < 0 && !result.IsCompleted && buffer.Length < UpgradeRequest.MaxHeadBytes)
            {
                // Examined, not consumed: wait for the rest of the head.
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var request = head < 0 ? null : UpgradeRequest.TryParse(buffer.Slice(0, head));
            if (request is null || !Admits(request))
            {
                input.AdvanceTo(buffer.Start);
                return null;
            }

            input.AdvanceTo(buffer.GetPosition(head));
            try
            {
                var (encoding, subProtocol) = request.Negotiate();
                await connection.Transport.Output.WriteAsync(request.Response(subProtocol), connection.ConnectionClosed).ConfigureAwait(false);
                return (encoding, subProtocol);
            }
            catch
            {
                hub.ReleaseSlot();
                throw;
            }
        }
    }

    /// <summary>The same admission the HTTP endpoint makes; a request refused here is refused there, with its reason.</summary>
    private bool Admits(UpgradeRequest request) =>
        !hub.IsDraining
        && (settings.AllowedOrigins.Count == 0 || request.Origin is null || request.Origin.Length == 0 || settings.AllowedOrigins.Contains(request.Origin, StringComparer.OrdinalIgnoreCase))
        && tokens.Accepts(request.Token)
        && hub.TryReserveSlot(settings.MaxClients);
}
