using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// One client from its upgrade to its end: announces it to the market hub, reads request frames, refuses
/// bad input with a JSON error naming the problem, closes abusers (oversized or unfinished messages
/// 1009/1008, binary requests 1003, floods and repeated bad requests 1008 — RFC 6455 §7.4.1), hands
/// valid requests to the hub, and once the peer or the server has ended it, waits for the send side,
/// disposes the socket, gives back the client's slot and tells <c>ended</c>. The only reader of its
/// socket; the message timer is the only other thread that touches it, and it only refuses and closes.
/// <see cref="RunAsync"/> is the connection's one long-lived frame: nothing above it awaits the
/// connection (memory per connection: each awaiting caller kept a 140–180 byte state machine per client,
/// README, Benchmarks).
/// </summary>
internal sealed class ClientSession(ClientConnection client, WebSocket socket, MarketHub hub, ServerSettings settings, ConnectionChurn churn, ILogger logger, Action? ended) : IDisposable
{
    /// <summary>
    /// Requests are small (a subscribe with an id is about 120 bytes): most fit one chunk, and the message
    /// buffer is allocated only for those that do not (memory per idle connection matters at 10,000 clients).
    /// </summary>
    private const int ReceiveChunk = 256;

    /// <summary>Armed while a message is unfinished; created for the first message that spans chunks.</summary>
    private CancellationTokenSource? _unfinished;

    /// <summary>Runs until the receive loop and the send side have ended; owns the socket and the client's slot from here on.</summary>
    public async Task RunAsync()
    {
        churn.Count();
        hub.Post(new HubCommand.Connect(client));
        var chunk = new byte[ReceiveChunk];
        byte[]? message = null;
        var length = 0;
        var bucket = new RequestBucket(settings.MaxRequestsPerSecond);
        try
        {
            while (true)
            {
                // No token: a close that overruns aborts the socket, which ends this read (so does cancelling a token, internally).
                var result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // RFC 6455 §5.5.1: answer a close with a close; the send pump sends it.
                    client.RequestClose(WebSocketCloseStatus.NormalClosure, "bye", flush: false);
                    return;
                }

                if (client.IsClosing)
                {
                    // Closing: read on only to receive the peer's close frame (or until a cut-off drops the connection).
                    continue;
                }

                // Refused as soon as the message's bytes pass the limit, not at its end: a frame header
                // may claim 2^63 bytes, and continuation frames may never end (RFC 6455 §10.4).
                if (length + result.Count > settings.MaxMessageBytes)
                {
                    CutOff(ErrorCode.MessageTooLarge, $"a request message is at most {settings.MaxMessageBytes} bytes: received more than that (send one small JSON object per frame)", WebSocketCloseStatus.MessageTooBig, CloseReasons.TooLargeReason);
                    continue;
                }

                ReadOnlySpan<byte> received;
                if (length == 0 && result.EndOfMessage)
                {
                    received = chunk.AsSpan(0, result.Count);
                }
                else
                {
                    if (length == 0)
                    {
                        ArmUnfinishedTimer();
                    }

                    message ??= new byte[settings.MaxMessageBytes];
                    chunk.AsSpan(0, result.Count).CopyTo(message.AsSpan(length));
                    length += result.Count;
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    _unfinished!.CancelAfter(Timeout.InfiniteTimeSpan);
                    received = message.AsSpan(0, length);
                    length = 0;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Refuse(ErrorCode.BinaryNotAccepted, "requests are JSON text frames: received a binary frame (send the request as text; binary is for server data only)", id: null);
                    client.RequestClose(WebSocketCloseStatus.InvalidMessageType, CloseReasons.BinaryReason, flush: true);
                    continue;
                }

                if (!bucket.TryTake())
                {
                    Refuse(ErrorCode.RateLimited, $"a client sends at most {settings.MaxRequestsPerSecond} requests a second (bursts of {2 * settings.MaxRequestsPerSecond}): exceeded (batch with wildcards instead of flooding)", id: null);
                    client.RequestClose(WebSocketCloseStatus.PolicyViolation, CloseReasons.FloodReason, flush: true);
                    continue;
                }

                if (RequestParser.TryParse(received, ServerSettings.BookDepths, out var request, out var error))
                {
                    hub.Post(new HubCommand.Request(client, request));
                    continue;
                }

                Refuse(error.Code, error.Message, error.Id);
                BadRequests.Count(client, settings.MaxBadMessages);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Peer gone, invalid UTF-8 in a text message (the socket has already sent 1007, RFC 6455
            // §8.1), or the close handshake overran and the socket was aborted.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Nothing awaits this task on a directly served connection: say what failed here.
            ServerLog.ClientFailed(logger, client.Id, exception.Message);
        }
        finally
        {
            client.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "connection lost", flush: false);
            hub.Post(new HubCommand.Disconnect(client));
            await client.Finished.ConfigureAwait(false);
            ServerLog.ClientDisconnected(logger, client.Id);
            client.Dispose();
            Dispose();
            socket.Dispose();
            hub.ReleaseSlot();
            churn.Count();
            ended?.Invoke();
        }
    }

    /// <summary>Called by <see cref="RunAsync"/> as it ends.</summary>
    public void Dispose() => _unfinished?.Dispose();

    /// <summary>
    /// Bounds how long a message may stay unfinished (a slow trickle of fragments, or one fragment and
    /// silence, holds a message buffer): when the timer fires the client is refused and closed.
    /// </summary>
    private void ArmUnfinishedTimer()
    {
        if (_unfinished is null)
        {
            _unfinished = new CancellationTokenSource();
            _unfinished.Token.Register(static state => ((ClientSession)state!).OnUnfinished(), this);
        }

        _unfinished.CancelAfter(settings.MessageTimeout);
    }

    private void OnUnfinished() =>
        CutOff(ErrorCode.MessageTimeout, $"a request message is finished within {settings.MessageTimeout.TotalMilliseconds:0} ms of its first fragment: it was not (send each request whole, in one frame)", WebSocketCloseStatus.PolicyViolation, CloseReasons.UnfinishedReason);

    /// <summary>Refuses a message the peer is still sending, closes, and drops the connection once the close frame is out.</summary>
    private void CutOff(string code, string text, WebSocketCloseStatus status, string reason)
    {
        if (client.IsClosing)
        {
            return;
        }

        Refuse(code, text, id: null);
        client.RequestClose(status, reason, flush: true, drop: true);
    }

    private void Refuse(string code, string text, long? id)
    {
        ServerMetrics.ClientErrors.WithLabels(code).Inc();
        var error = ControlMessages.Error(code, text, id);
        client.TryEnqueueControl(error);
        error.Release();
    }
}
