using System.Net.WebSockets;
using System.Threading.Channels;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;
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
/// never the ring reader or other clients. Any thread may enqueue or request the close. The
/// subscription fields are owned by the market hub's thread.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private static long _nextId;
    private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenRegistration _abortRegistration;
    private readonly int _budget;
    private readonly TimeSpan _closeTimeout;
    private long _queuedBytes;
    private int _closeRequested;
    private int _sending;
    private int _sample;
    private bool _flushBeforeClose;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;
    private int _resnapshotWanted;

    public ClientConnection(WebSocket socket, WireEncoding encoding, int byteBudget, TimeSpan closeTimeout)
    {
        _socket = socket;
        Encoding = encoding;

        // Registered once, not per send: a close handshake that overruns aborts whatever is pending.
        _abortRegistration = _abort.Token.Register(static state => ((WebSocket)state!).Abort(), socket);
        _budget = byteBudget;
        _closeTimeout = closeTimeout;
        Id = Interlocked.Increment(ref _nextId);
    }

    public long Id { get; }

    public WireEncoding Encoding { get; }

    public bool IsClosing => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>Cancelled when the close handshake overran its timeout: socket reads and writes abort.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Called on the send pump when a conflated client has drained below half its budget (the hub then sends fresh snapshots).</summary>
    public Action<ClientConnection>? Drained { get; set; }

    /// <summary>Hub thread only: the streams this client receives, one entry per stream however many patterns match it.</summary>
    public Dictionary<MarketStream, Subscription> Streams { get; } = [];

    /// <summary>Hub thread only: the patterns the client subscribed to, wildcards included.</summary>
    public List<SubscriptionPattern> Patterns { get; } = [];

    /// <summary>Hub thread only: stream ids announced to a binary client.</summary>
    public HashSet<int> AnnouncedStreams { get; } = [];

    /// <summary>Hub thread only: tick (ms) the client first went over budget in this episode; 0 when within budget.</summary>
    public long OverBudgetSinceMs { get; set; }

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
        if (!_queue.Writer.TryWrite(message))
        {
            Interlocked.Add(ref _queuedBytes, -length);
            message.Release();
            return EnqueueOutcome.Closed;
        }

        Kick();
        return EnqueueOutcome.Enqueued;
    }

    /// <summary>Control messages (acks, errors, heartbeats) get twice the budget, so a client that is being conflated still hears why.</summary>
    public EnqueueOutcome TryEnqueueControl(OutboundMessage message) => TryEnqueue(message, 2L * _budget);

    /// <summary>Conflated book streams wait for a fresh snapshot, sent once the client has drained.</summary>
    public void WantResnapshotWhenDrained() => Volatile.Write(ref _resnapshotWanted, 1);

    /// <summary>
    /// Asks the send pump to close with <paramref name="status"/> (first request wins). With
    /// <paramref name="flush"/> what is queued goes first (an error explaining an abuse close);
    /// without, queued data is dropped. The handshake must finish within the close timeout, else the
    /// socket is aborted (RFC 6455 §7.1.1 lets the server drop the TCP connection then).
    /// </summary>
    public bool RequestClose(WebSocketCloseStatus status, string reason, bool flush, TimeSpan? timeout = null)
    {
        if (Interlocked.CompareExchange(ref _closeRequested, 1, 0) != 0)
        {
            return false;
        }

        _closeStatus = status;
        _closeReason = reason;
        _flushBeforeClose = flush;
        _queue.Writer.TryComplete();
        _abort.CancelAfter(timeout ?? _closeTimeout);

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
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                while (reader.TryRead(out var message))
                {
                    await SendAsync(message).ConfigureAwait(false);
                }

                if (reader.Completion.IsCompleted)
                {
                    // Closing and drained: the close frame is the last thing sent; ownership is never released.
                    await CloseOutputAsync(_abort.Token).ConfigureAwait(false);
                    _finished.TrySetResult();
                    return;
                }

                // Full fence, then look again: an enqueuer or a close request that found the pump busy
                // relies on this check to see its work.
                Interlocked.Exchange(ref _sending, 0);
                var work = reader.TryPeek(out _) || reader.Completion.IsCompleted;
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
            while (reader.TryRead(out var message))
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

        if (Volatile.Read(ref _resnapshotWanted) != 0 && Volatile.Read(ref _queuedBytes) < _budget / 2)
        {
            Volatile.Write(ref _resnapshotWanted, 0);
            Drained?.Invoke(this);
        }
    }

    /// <summary>After the receive loop and the send side have ended.</summary>
    public void Dispose()
    {
        _abortRegistration.Dispose();
        _abort.Dispose();
    }

    private async Task CloseOutputAsync(CancellationToken token)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            ServerMetrics.Closes.WithLabels(((int)_closeStatus).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            await _socket.CloseOutputAsync(_closeStatus, _closeReason, token).ConfigureAwait(false);
        }
    }

    private void Discard(OutboundMessage message)
    {
        Interlocked.Add(ref _queuedBytes, -message.Length);
        message.Release();
    }
}
