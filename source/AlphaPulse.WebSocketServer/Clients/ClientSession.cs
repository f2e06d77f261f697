using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>
/// A client's inbound side: reads request frames, refuses bad input with a JSON error naming the
/// problem, closes abusers (oversized frames 1009, binary requests 1003, floods and repeated bad
/// requests 1008 — RFC 6455 §7.4.1), and hands valid requests to the market hub. Runs on the
/// request's task; the only reader of its socket.
/// </summary>
internal sealed class ClientSession(ClientConnection client, WebSocket socket, MarketHub hub, ServerSettings settings)
{
    /// <summary>Requests are small: most fit one chunk, and the message buffer is allocated only for those that do not (memory per idle connection matters at 10,000 clients).</summary>
    private const int ReceiveChunk = 512;

    public async Task RunAsync()
    {
        var chunk = new byte[ReceiveChunk];
        byte[]? message = null;
        var length = 0;
        var oversized = false;
        var bucket = new RequestBucket(settings.MaxRequestsPerSecond);
        var bad = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), client.Aborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // RFC 6455 §5.5.1: answer a close with a close; the send pump sends it.
                    client.RequestClose(WebSocketCloseStatus.NormalClosure, "bye", flush: false);
                    return;
                }

                if (client.IsClosing)
                {
                    // Closing: read on only to receive the peer's close frame.
                    continue;
                }

                if (oversized || length + result.Count > settings.MaxMessageBytes)
                {
                    oversized = true;
                    if (result.EndOfMessage)
                    {
                        Refuse(ErrorCode.MessageTooLarge, $"a request frame is at most {settings.MaxMessageBytes} bytes: received more (send one small JSON object per frame)");
                        Close(WebSocketCloseStatus.MessageTooBig, CloseReasons.TooLargeReason);
                    }

                    continue;
                }

                ReadOnlySpan<byte> received;
                if (length == 0 && result.EndOfMessage)
                {
                    received = chunk.AsSpan(0, result.Count);
                }
                else
                {
                    message ??= new byte[settings.MaxMessageBytes];
                    chunk.AsSpan(0, result.Count).CopyTo(message.AsSpan(length));
                    length += result.Count;
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    received = message.AsSpan(0, length);
                    length = 0;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Refuse(ErrorCode.BinaryNotAccepted, "requests are JSON text frames: received a binary frame (send the request as text; binary is for server data only)");
                    Close(WebSocketCloseStatus.InvalidMessageType, CloseReasons.BinaryReason);
                    continue;
                }

                if (!bucket.TryTake())
                {
                    Refuse(ErrorCode.RateLimited, $"a client sends at most {settings.MaxRequestsPerSecond} requests a second (bursts of {2 * settings.MaxRequestsPerSecond}): exceeded (batch with wildcards instead of flooding)");
                    Close(WebSocketCloseStatus.PolicyViolation, CloseReasons.FloodReason);
                    continue;
                }

                if (RequestParser.TryParse(received, ServerSettings.BookDepths, out var request, out var code, out var error))
                {
                    hub.Post(new HubCommand.Request(client, request));
                    continue;
                }

                Refuse(code, error);
                if (++bad >= settings.MaxBadMessages)
                {
                    Refuse(ErrorCode.TooManyBadMessages, $"a client may send at most {settings.MaxBadMessages - 1} bad requests: sent {bad} (fix the client's requests)");
                    Close(WebSocketCloseStatus.PolicyViolation, CloseReasons.BadMessagesReason);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Peer gone, or the close handshake overran and the socket was aborted.
        }
    }

    private void Refuse(string code, string text)
    {
        ServerMetrics.ClientErrors.WithLabels(code).Inc();
        var error = ControlMessages.Error(code, text, id: null);
        client.TryEnqueueControl(error);
        error.Release();
    }

    /// <summary>Abuse: the error already queued goes out first, then the close frame.</summary>
    private void Close(WebSocketCloseStatus status, string reason) => client.RequestClose(status, reason, flush: true);
}
