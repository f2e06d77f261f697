using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// One client WebSocket, exchange-neutral: a bounded queue fed by the feed thread, a send loop that
/// encodes each event in the venue's format and injects this connection's faults, and a receive loop
/// that hands client requests to the venue. Threading: <see cref="Deliver"/> on the feed thread,
/// everything else on the connection's own two loops; only the send loop touches the socket's send side.
/// </summary>
internal abstract class VenueConnection : IFeedSubscriber, IFaultEligibility, IDisposable
{
    private const int MaxRequestBytes = 64 * 1024;
    private static long s_lastId;

    private readonly WebSocket _socket;
    private readonly FrameWriter _frames;
    private readonly Channel<Outgoing> _queue;
    private readonly int _queueLimit;
    private readonly FaultInjector _injector;
    private readonly FaultBoard _board;
    private readonly ILogger _logger;
    private readonly JsonText _text = new();
    private readonly CancellationTokenSource _stop = new();
    private byte[]? _held;
    private MarketEvent? _current;
    private long _sent;
    private int _queued;
    private volatile bool _slow;

    protected VenueConnection(
        WebSocket socket, FrameWriter frames, IExchange exchange, FaultInjector injector, FaultBoard board, int queueLimit, ILogger logger)
    {
        _socket = socket;
        _frames = frames;
        _queueLimit = queueLimit;
        Exchange = exchange;
        _injector = injector;
        _board = board;
        _logger = logger;
        // Unbounded with a limit checked by the writer: cheaper per message than a bounded channel's lock.
        _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    }

    public long Id { get; } = Interlocked.Increment(ref s_lastId);

    protected IExchange Exchange { get; }

    public void Deliver(MarketEvent marketEvent, string stream)
    {
        if (Volatile.Read(ref _queued) < _queueLimit)
        {
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(new Outgoing(marketEvent, stream, null, null));
        }
        else if (!_slow)
        {
            // A silent drop would be an unannounced gap: a consumer that cannot keep up is cut off instead.
            _slow = true;
            Log.SlowConsumer(_logger, Id, _queued);
            ThreadPool.QueueUserWorkItem(static s => CancelQuietly((CancellationTokenSource)s!), _stop);
        }
    }

    /// <summary>Runs until the client leaves, a fault disconnects it, it falls behind, or the server stops.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var link = stopping.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop);
        OnOpened();
        // Receives are never cancelled by token: cancelling a WebSocket operation aborts the socket, and a
        // clean stop must still send a close frame.
        var receive = ReceiveLoopAsync();
        var send = SendLoopAsync(_stop.Token);
        var background = BackgroundAsync(_stop.Token);
        await Task.WhenAny(receive, send).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await CompleteQuietly(send).ConfigureAwait(false);
        await CompleteQuietly(background).ConfigureAwait(false);
        OnClosed();
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, reason) = _slow ? (WebSocketCloseStatus.PolicyViolation, "slow consumer")
                : stopping.IsCancellationRequested ? (WebSocketCloseStatus.EndpointUnavailable, "server shutting down")
                : (WebSocketCloseStatus.NormalClosure, "");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await CompleteQuietly(_socket.CloseOutputAsync(status, reason, timeout.Token)).ConfigureAwait(false);
        }
        await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        _socket.Abort();
        Log.ConnectionClosed(_logger, Id, _sent);
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>Whether a fault of this kind may hit the event being sent (asked only for events that produce a frame).</summary>
    public bool Accepts(FaultKind kind) => AcceptsFault(kind, _current!);

    /// <summary>
    /// Advances the venue's per-connection state by one event, exactly once and in stream order, and says
    /// whether it produces a frame (a Kraken depth-10 view ignores changes deeper in the book). Faults are
    /// drawn only for events that produce a frame, so every injected fault is visible on the wire.
    /// </summary>
    protected virtual bool Prepare(MarketEvent marketEvent, string stream) => true;

    /// <summary>Writes the frame of the event just prepared; <paramref name="corrupt"/> breaks its integrity field. May run twice per event.</summary>
    protected abstract void Encode(JsonText text, MarketEvent marketEvent, string stream, bool corrupt);

    /// <summary>Binance's rule, the default: every kind anywhere, except that only book updates carry an integrity field to corrupt.</summary>
    protected virtual bool AcceptsFault(FaultKind kind, MarketEvent marketEvent) => kind != FaultKind.Corrupt || marketEvent is BookUpdate;

    /// <summary>Called once before the loops start (Kraken greets every connection with a status message).</summary>
    protected virtual void OnOpened()
    {
    }

    /// <summary>Runs beside the send and receive loops until the connection ends (heartbeat timers).</summary>
    protected virtual Task BackgroundAsync(CancellationToken stopping) => Task.CompletedTask;

    /// <summary>Handles a marker posted with <see cref="Post"/>, in queue order, sending its frames (if any) with <see cref="Send"/>.</summary>
    protected virtual void WriteMarker(object marker)
    {
    }

    /// <summary>Sends one whole frame from the send loop (marker handling only).</summary>
    protected void Send(JsonText frame) => Append(frame.Written.Span);

    /// <summary>Handles one complete text message from the client (subscribe requests and the like).</summary>
    protected abstract void HandleRequest(ReadOnlySpan<byte> request);

    /// <summary>Drops every subscription; called once when the connection ends.</summary>
    protected abstract void OnClosed();

    /// <summary>Queues a reply behind the data already queued, so replies and data keep their order.</summary>
    protected void Reply(string json) => _queue.Writer.TryWrite(new Outgoing(null, null, Encoding.UTF8.GetBytes(json), null));

    /// <summary>Queues a marker whose frame is written by the send loop in its turn (snapshots, heartbeats): see <see cref="WriteMarker"/>.</summary>
    protected void Post(object marker) => _queue.Writer.TryWrite(new Outgoing(null, null, null, marker));

    /// <summary>Ends the connection with a normal close (a venue's own time-out).</summary>
    protected void Close() => CancelQuietly(_stop);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[4096];
        var request = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                request.Write(buffer.AsSpan(0, result.Count));
                if (request.WrittenCount > MaxRequestBytes)
                {
                    return;
                }
                if (result.EndOfMessage)
                {
                    HandleRequest(request.WrittenSpan);
                    request.ResetWrittenCount();
                }
            }
        }
        catch (WebSocketException ex)
        {
            Log.ConnectionError(_logger, Id, ex.Message);
        }
    }

    private async Task SendLoopAsync(CancellationToken token)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            // Everything already queued goes out in as few stream writes as possible.
            while (reader.TryRead(out var item))
            {
                if (item.Control is { } control)
                {
                    Append(control);
                    continue;
                }
                if (item.Marker is { } marker)
                {
                    WriteMarker(marker);
                    continue;
                }
                Interlocked.Decrement(ref _queued);
                if (!await SendDataAsync(item, token).ConfigureAwait(false))
                {
                    return;
                }
                if (_frames.Pending >= FrameWriter.FlushBytes)
                {
                    await _frames.FlushAsync().ConfigureAwait(false);
                }
            }
            await _frames.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <returns>False when a fault has disconnected the client.</returns>
    private async ValueTask<bool> SendDataAsync(Outgoing item, CancellationToken token)
    {
        var marketEvent = item.Event!;
        if (!Prepare(marketEvent, item.Stream!))
        {
            return true;
        }
        _current = marketEvent;
        var symbol = Exchange.SymbolOf(marketEvent.Instrument);
        var rule = _injector.Next(symbol, this);
        var fault = rule?.Kind;
        if (rule is not null)
        {
            Record(rule.Kind, item, symbol);
        }
        switch (fault)
        {
            case FaultKind.Gap:
                return true;
            case FaultKind.Reorder when _held is null:
                // Encoded now, in stream order, because a venue's encoding may depend on what came before.
                Encode(item, corrupt: false);
                _held = _text.ToArray();
                return true;
            case FaultKind.Disconnect:
                await _frames.FlushAsync().ConfigureAwait(false);
                _socket.Abort();
                return false;
            case FaultKind.Stall:
                await _frames.FlushAsync().ConfigureAwait(false);
                await Task.Delay(rule!.Ms, token).ConfigureAwait(false);
                break;
            case FaultKind.Malformed:
                Encode(item, corrupt: false);
                Append(_text.Written.Span[..(_text.Length / 2)]);
                break;
            default:
                break;
        }
        Encode(item, corrupt: fault == FaultKind.Corrupt);
        Append(_text.Written.Span);
        if (fault == FaultKind.Dup)
        {
            Append(_text.Written.Span);
        }
        if (_held is { } held)
        {
            _held = null;
            Append(held);
        }
        return true;
    }

    private void Encode(Outgoing item, bool corrupt)
    {
        _text.Clear();
        Encode(_text, item.Event!, item.Stream!, corrupt);
    }

    private void Append(ReadOnlySpan<byte> frame)
    {
        _sent++;
        _frames.Append(frame);
    }

    private void Record(FaultKind kind, Outgoing item, string symbol)
    {
        var (first, last) = item.Event switch
        {
            BookUpdate u => (u.FirstUpdateId, u.LastUpdateId),
            Trade t => (t.TradeId, t.TradeId),
            _ => (0L, 0L),
        };
        _board.Record(kind, Id, Exchange.Name, symbol, item.Stream!, first, last);
        Log.FaultInjected(_logger, kind.ToString(), Id, symbol);
    }

    private static void CancelQuietly(CancellationTokenSource stop)
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended on its own before the slow-consumer cut-off ran.
        }
    }

    private static async Task CompleteQuietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // The connection is ending either way; how its last operation ended changes nothing.
        }
    }

    private readonly record struct Outgoing(MarketEvent? Event, string? Stream, byte[]? Control, object? Marker);
}
