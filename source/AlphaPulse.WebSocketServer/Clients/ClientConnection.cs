using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>What happened to a message offered to a client's queue.</summary>
internal enum EnqueueOutcome : byte
{
    Enqueued,

    /// <summary>Queued bytes would exceed the budget: nothing was queued; the slow-consumer policy decides.</summary>
    OverBudget,

    /// <summary>The client is closing: nothing was queued.</summary>
    Closed,
}

/// <summary>
/// One connected client's outbound side: a queue of shared messages bounded by a byte budget, and a
/// send pump that drains it into the socket. The pump is started on the thread pool when work arrives
/// at an idle socket and drains everything queued by then before letting go, so a burst costs one
/// dispatch per client, not one per message (measured: running the pumps on the hub thread itself
/// serialised every socket write behind one core and was 20× slower at 1,000 clients). Exactly one
/// pump owns the socket at a time (<see cref="_sending"/>); a slow socket stalls only its own pump,
/// never the ring reader or other clients. Any thread may enqueue or request the close. What the
/// client subscribes to is not here: the market hub's <c>SubscriptionRegistry</c> keeps it, on the hub's thread.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private static long _nextId;
    private readonly SendQueue _queue = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebSocket _socket;
    private CancellationTokenSource? _abort;
    private CancellationTokenRegistration _abortRegistration;
    private readonly int _budget;
    private readonly TimeSpan _closeTimeout;
    private long _queuedBytes;
    private int _closeClaimed;
    private int _closeRequested;
    private int _sending;
    private int _sample;
    private bool _flushBeforeClose;
    private bool _dropAfterClose;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;
    private int _drainWanted;
    private TimeSpan _closeWait;
    private int _badRequests;

    public ClientConnection(WebSocket socket, WireEncoding encoding, int byteBudget, TimeSpan closeTimeout)
    {
        _socket = socket;
        Encoding = encoding;
        _budget = byteBudget;
        _closeTimeout = closeTimeout;
        Id = Interlocked.Increment(ref _nextId);
    }

    public long Id { get; }

    public WireEncoding Encoding { get; }

    public bool IsClosing => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>Called on the send pump when a client that went over budget has drained below half of it (the hub then ends its over-budget episode and sends the snapshots it waits for).</summary>
    public Action<ClientConnection>? Drained { get; set; }

    /// <summary>Offers a shared message; takes a reference only when queued. <paramref name="budget"/> overrides the byte budget (control messages get headroom).</summary>
    public EnqueueOutcome TryEnqueue(OutboundMessage message, long budget = 0)
    {
        if (Volatile.Read(ref _closeRequested) != 0)
        {
            return EnqueueOutcome.Closed;
        }

        var length = message.Length;
        if (Interlocked.Add(ref _queuedBytes, length) > (budget == 0 ? _budget : budget))
        {
            Interlocked.Add(ref _queuedBytes, -length);
            return EnqueueOutcome.OverBudget;
        }

        message.AddReference();
        if (!_queue.TryEnqueue(message))
        {
            Interlocked.Add(ref _queuedBytes, -length);
            message.Release();
            return EnqueueOutcome.Closed;
        }

        Kick();
        return EnqueueOutcome.Enqueued;
    }

    /// <summary>Gives back queue memory a past burst grew, if the queue is empty now (the hub calls it with each heartbeat).</summary>
    public void TrimIdle() => _queue.TrimExcess();

    /// <summary>Control messages (acks, errors, heartbeats) get twice the budget, so a client that is being conflated still hears why.</summary>
    public EnqueueOutcome TryEnqueueControl(OutboundMessage message) => TryEnqueue(message, 2L * _budget);

    /// <summary>
    /// Asks for one <see cref="Drained"/> call once the queue is below half the budget: over-budget
    /// clients of any subscription kind end their grace episode there, and conflated books resnapshot.
    /// </summary>
    public void NotifyWhenDrained() => Volatile.Write(ref _drainWanted, 1);

    /// <summary>Counts a refused request (receive loop or hub thread); returns the count so far.</summary>
    public int CountBadRequest() => Interlocked.Increment(ref _badRequests);

    /// <summary>
    /// Asks the send pump to close with <paramref name="status"/> (first request wins), counted now, at
    /// the decision, whether or not the frame gets out. With <paramref name="flush"/> what is queued
    /// goes first (an error explaining an abuse close); without, queued data is dropped and the close
    /// frame follows the one send in flight. Two bounded waits (the close timeout each): for the close
    /// frame to be handed to the transport, then for the peer's answering close; when the first
    /// overruns (a peer that reads nothing) the socket is aborted, which RFC 6455 §7.1.1 allows, and
    /// counted in <c>alphapulse_ws_close_aborts_total</c>. With <paramref name="drop"/> the connection is
    /// dropped as soon as the close frame is out: the peer is mid-message and cannot answer a close
    /// before the message ends, which may be never (RFC 6455 §7.1.7 lets the server fail it).
    /// </summary>
    public bool RequestClose(WebSocketCloseStatus status, string reason, bool flush, TimeSpan? timeout = null, bool drop = false)
    {
        if (Interlocked.CompareExchange(ref _closeClaimed, 1, 0) != 0)
        {
            return false;
        }

        // Published after the fields it guards (release): a pump that sees the close sees how to close.
        _closeStatus = status;
        _closeReason = reason;
        _flushBeforeClose = flush;
        _closeWait = timeout ?? _closeTimeout;
        _dropAfterClose = drop;

        // The close timer exists only from the close decision on (memory per connection: a token
        // source and its registration per idle client were about 300 bytes). It aborts the socket,
        // which ends whatever read or write is pending: the receive loop's read needs no token of its own.
        _abort = new CancellationTokenSource();
        _abortRegistration = _abort.Token.Register(static state => AbortOnOverrun((WebSocket)state!), _socket);
        Volatile.Write(ref _closeRequested, 1);
        if (status != WebSocketCloseStatus.EndpointUnavailable)
        {
            // The peer is already gone when the server "closes" with 1001 connection lost: nothing is decided or sent.
            ServerMetrics.Closes.WithLabels(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        }

        _queue.Complete();
        _abort.CancelAfter(_closeWait);

        // The pump sends the close frame once the queue is empty (or dropped, without flush).
        Kick();
        return true;
    }

    /// <summary>Completes when the send side has finished: the close frame was sent, or the connection was lost.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Starts a pump on the thread pool unless one already owns the socket (it will see the new work).</summary>
    private void Kick()
    {
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static client => _ = client.PumpAsync(), this, preferLocal: false);
        }
    }

    /// <summary>
    /// Owns the socket's send side until the queue is empty. Releases ownership with a re-check, so a
    /// message or close request arriving while the pump lets go is never stranded. Ends for good by
    /// sending the close frame.
    /// </summary>
    private async Task PumpAsync()
    {
        var queue = _queue;
        try
        {
            while (true)
            {
                while (queue.TryDequeue(out var message))
                {
                    await SendAsync(message).ConfigureAwait(false);
                }

                if (queue.IsDrainedAndCompleted)
                {
                    // Closing and drained: the close frame is the last thing sent; ownership is never released.
                    await CloseOutputAsync(_abort!.Token).ConfigureAwait(false);
                    _finished.TrySetResult();
                    return;
                }

                // Full fence, then look again: an enqueuer or a close request that found the pump busy
                // relies on this check to see its work.
                Interlocked.Exchange(ref _sending, 0);
                var work = queue.HasWork;
                if (!work || Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The peer vanished, the close handshake overran, or the socket failed: nothing more to send.
            RequestClose(WebSocketCloseStatus.EndpointUnavailable, "connection lost", flush: false);
            while (queue.TryDequeue(out var message))
            {
                Discard(message);
            }

            _finished.TrySetResult();
        }
    }

    private async ValueTask SendAsync(OutboundMessage message)
    {
        try
        {
            if (Volatile.Read(ref _closeRequested) != 0 && !_flushBeforeClose)
            {
                return;
            }

            await _socket.SendAsync(message.Memory, message.Type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            ServerMetrics.MessagesSent.Inc();
            ServerMetrics.BytesSent.Inc(message.Length);
            if (message.PublishTime != 0 && ++_sample == ServerMetrics.LatencySampleEvery)
            {
                _sample = 0;
                ServerMetrics.PublishToWrite.Observe((AlphaPulse.Core.MonotonicClock.NowNanoseconds() - message.PublishTime) / 1e9);
            }
        }
        finally
        {
            Discard(message);
        }

        if (Volatile.Read(ref _drainWanted) != 0 && Volatile.Read(ref _queuedBytes) < _budget / 2)
        {
            Volatile.Write(ref _drainWanted, 0);
            Drained?.Invoke(this);
        }
    }

    private static void AbortOnOverrun(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            ServerMetrics.CloseAborts.Inc();
        }

        socket.Abort();
    }

    /// <summary>After the receive loop and the send side have ended.</summary>
    public void Dispose()
    {
        _abortRegistration.Dispose();
        _abort?.Dispose();
    }

    private async Task CloseOutputAsync(CancellationToken token)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(_closeStatus, _closeReason, token).ConfigureAwait(false);
            if (_dropAfterClose)
            {
                // Ends the receive loop at once; the frames already flushed still reach the peer.
                _socket.Abort();
                return;
            }

            // The frame is out; the peer may still be reading the data before it: a fresh wait for its answer.
            _abort!.CancelAfter(_closeWait);
        }
    }

    private void Discard(OutboundMessage message)
    {
        Interlocked.Add(ref _queuedBytes, -message.Length);
        message.Release();
    }
}
