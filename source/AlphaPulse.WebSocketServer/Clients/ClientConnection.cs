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
/// One connected client's outbound side: a queue of shared messages bounded by a byte budget, and the
/// single writer loop that drains it into the socket — so a slow socket stalls only its own loop,
/// never the ring reader or other clients. Any thread may enqueue or request the close; only the
/// writer loop sends. The subscription fields are owned by the market hub's thread.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private static long _nextId;
    private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _abort = new();
    private readonly int _budget;
    private readonly TimeSpan _closeTimeout;
    private long _queuedBytes;
    private int _closeRequested;
    private bool _flushBeforeClose;
    private WebSocketCloseStatus _closeStatus;
    private string? _closeReason;
    private int _resnapshotWanted;

    public ClientConnection(WebSocket socket, WireEncoding encoding, string remote, int byteBudget, TimeSpan closeTimeout)
    {
        _socket = socket;
        Encoding = encoding;
        Remote = remote;
        _budget = byteBudget;
        _closeTimeout = closeTimeout;
        Id = Interlocked.Increment(ref _nextId);
    }

    public long Id { get; }

    public WireEncoding Encoding { get; }

    public string Remote { get; }

    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    public bool IsClosing => Volatile.Read(ref _closeRequested) != 0;

    /// <summary>Cancelled when the close handshake overran its timeout: socket reads and writes abort.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Called on the writer loop when a conflated client has drained below half its budget (the hub then sends fresh snapshots).</summary>
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

        return EnqueueOutcome.Enqueued;
    }

    /// <summary>Control messages (acks, errors, heartbeats) get twice the budget, so a client that is being conflated still hears why.</summary>
    public EnqueueOutcome TryEnqueueControl(OutboundMessage message) => TryEnqueue(message, 2L * _budget);

    /// <summary>Conflated book streams wait for a fresh snapshot, sent once the client has drained.</summary>
    public void WantResnapshotWhenDrained() => Volatile.Write(ref _resnapshotWanted, 1);

    /// <summary>
    /// Asks the writer loop to close with <paramref name="status"/> (first request wins). With
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
        return true;
    }

    /// <summary>The writer loop: one per client, the only code that sends on its socket.</summary>
    public async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var token = _abort.Token;
        var sample = 0;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    if (Volatile.Read(ref _closeRequested) != 0 && !_flushBeforeClose)
                    {
                        Discard(message);
                        continue;
                    }

                    try
                    {
                        await _socket.SendAsync(message.Memory, message.Type, endOfMessage: true, token).ConfigureAwait(false);
                        ServerMetrics.MessagesSent.Inc();
                        ServerMetrics.BytesSent.Inc(message.Length);
                        if (message.PublishTime != 0 && ++sample == ServerMetrics.LatencySampleEvery)
                        {
                            sample = 0;
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
            }

            await CloseOutputAsync(token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The peer vanished or the close handshake overran: nothing more to send.
            RequestClose(WebSocketCloseStatus.EndpointUnavailable, "connection lost", flush: false);
        }
        finally
        {
            while (reader.TryRead(out var message))
            {
                Discard(message);
            }
        }
    }

    /// <summary>Aborts the socket now (the close handshake timed out or the server is gone).</summary>
    public void Abort() => _abort.Cancel();

    /// <summary>After both loops ended.</summary>
    public void Dispose() => _abort.Dispose();

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
