using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Serves a connection of the WebSocket listener straight from its socket when its first request is a
/// plain, admissible upgrade to <c>/ws</c> (<see cref="UpgradeRequest"/>; origin allowed,
/// token valid, a client slot free): the head is peeked, then consumed, answered 101, and the WebSocket
/// reads and writes the socket through a <see cref="NetworkStream"/>. No Kestrel connection, pipes or
/// transport loops stay alive for the life of the socket (about 3.2 KB per client, measured in heap dumps:
/// README, Benchmarks). Anything else — the dashboard, faulty handshakes, refusals with their reasons —
/// is left untouched (peeking consumes nothing) for <see cref="DirectUpgradeListener"/> to hand to Kestrel's
/// HTTP pipeline. Stateless.
/// </summary>
internal sealed class DirectUpgrade(ServerSettings settings, MarketHub hub, TokenStore tokens, WebSocketEndpoint endpoint)
{
    /// <summary>How often a head that arrived in parts is peeked again (a peek returns at once while bytes wait unread).</summary>
    private static readonly TimeSpan HeadPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>A head still unfinished after this is left to Kestrel, whose request-header timeout then applies.</summary>
    private const int MaxHeadPolls = 500;

    /// <summary>
    /// Starts serving the connection and returns true once it is a client: the session then runs on its
    /// own and calls <paramref name="ended"/> when the connection has ended. False (nothing read) when the
    /// connection is for the HTTP pipeline.
    /// </summary>
    public async Task<bool> TryStartAsync(Socket socket, Action ended, CancellationToken stopping)
    {
        // Only the negotiated encoding and subprotocol outlive the handshake: the request, its strings and
        // the head buffer stay in AdmitAsync.
        var admitted = await AdmitAsync(socket, stopping).ConfigureAwait(false);
        if (admitted is not { } upgrade)
        {
            return false;
        }

        try
        {
            // The session disposes the WebSocket, which disposes the stream, which closes the socket; it
            // catches what its connection throws, so the task it returns needs no observer.
            var webSocket = WebSocket.CreateFromStream(new NetworkStream(socket, ownsSocket: true), new WebSocketCreationOptions { IsServer = true, SubProtocol = upgrade.SubProtocol, KeepAliveInterval = TimeSpan.Zero });
            _ = endpoint.Start(webSocket, upgrade.Encoding, socket.RemoteEndPoint, ended);
            return true;
        }
        catch
        {
            // Not started (the session would have given the slot back at its end).
            hub.ReleaseSlot();
            throw;
        }
    }

    /// <summary>
    /// Peeks the request head; when it is a plain, admissible upgrade, consumes it, reserves the client's
    /// slot and answers 101, and returns what the session needs. Null leaves every byte unread.
    /// </summary>
    private async ValueTask<(WireEncoding Encoding, string? SubProtocol)?> AdmitAsync(Socket socket, CancellationToken stopping)
    {
        for (var polls = 0; ; polls++)
        {
            if (polls > 0)
            {
                await Task.Delay(HeadPoll, stopping).ConfigureAwait(false);
            }

            var buffer = ArrayPool<byte>.Shared.Rent(UpgradeRequest.MaxHeadBytes);
            try
            {
                var peeked = await socket.ReceiveAsync(buffer.AsMemory(0, UpgradeRequest.MaxHeadBytes), SocketFlags.Peek, stopping).ConfigureAwait(false);
                if (peeked == 0)
                {
                    return null;
                }

                var sequence = new ReadOnlySequence<byte>(buffer, 0, peeked);
                var head = UpgradeRequest.HeadLength(sequence);
                if (head < 0 && peeked < UpgradeRequest.MaxHeadBytes && polls < MaxHeadPolls)
                {
                    // A peer that reset after half a head keeps peeking its bytes without an error
                    // (Linux reports the reset only once the queued bytes are read): ask the socket.
                    if ((int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! != 0)
                    {
                        throw new IOException("the peer reset the connection during the upgrade");
                    }

                    continue;
                }

                var request = head < 0 ? null : UpgradeRequest.TryParse(sequence.Slice(0, head));
                if (request is null || !Admits(request))
                {
                    return null;
                }

                try
                {
                    // The head's bytes are in the kernel's buffer already: these reads return at once.
                    for (var consumed = 0; consumed < head;)
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(consumed, (int)head - consumed), SocketFlags.None, stopping).ConfigureAwait(false);
                        consumed += read > 0 ? read : throw new IOException("the peer closed the connection during the upgrade");
                    }

                    var (encoding, subProtocol) = request.Negotiate();
                    await socket.SendAsync(request.Response(subProtocol), SocketFlags.None, stopping).ConfigureAwait(false);
                    return (encoding, subProtocol);
                }
                catch
                {
                    hub.ReleaseSlot();
                    throw;
                }
            }
            finally
            {
                // Given back between polls too: a thousand half-sent heads must not hold 8 KB each.
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// The same admission the HTTP endpoint makes; a request refused here is refused there, with its reason. A
    /// draining server is not a reason (see <see cref="WebSocketEndpoint"/>).
    /// </summary>
    private bool Admits(UpgradeRequest request) =>
        (settings.AllowedOrigins.Count == 0 || request.Origin is null || request.Origin.Length == 0 || settings.AllowedOrigins.Contains(request.Origin, StringComparer.OrdinalIgnoreCase))
        && tokens.Accepts(request.Token)
        && hub.TryReserveSlot(settings.MaxClients);
}
