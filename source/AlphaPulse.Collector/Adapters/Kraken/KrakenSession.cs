using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>
/// One Kraken Spot WebSocket v2 connection: subscribes <c>book</c> at the configured depth and <c>trade</c> for
/// every symbol, keeps each book by Kraken's "Book checksum (WebSocket v2)" guide, publishes trades, answers
/// nothing it need not (heartbeats, status), and pings to keep the connection alive. Threading:
/// <see cref="OnFrame"/> runs under <see cref="FeedContext.Gate"/>; requests go out through a <see cref="RequestSender"/>.
/// </summary>
/// <remarks>
/// Per book message, as the guide says: apply every level in wire order (qty 0 removes), truncate the book to the
/// subscribed depth (levels pushed out get no delete; the publisher reports them as removals), then compare the
/// CRC-32 of the top 10 with the message's <c>checksum</c> — on every snapshot and update. On a mismatch the book
/// is reset before anything of the message is published, counted (<c>resyncs{reason="checksum"}</c>), and the
/// symbol is unsubscribed and subscribed again for a fresh snapshot. A book whose checksum failed is never published.
/// </remarks>
internal sealed class KrakenSession : IFeedSession
{
    /// <summary>Application-level pings ("ping" method) keep quiet connections alive and prove the socket works.</summary>
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    /// <summary>At most one resubscription of not-yet-live books per this interval after error responses.</summary>
    private static readonly long ErrorRetryInterval = TimeSpan.FromSeconds(5).Ticks * 100;

    private readonly FeedContext _context;
    private readonly KrakenMessageReader _reader;
    private readonly KrakenBookChecksum _checksum;
    private readonly LevelBatch _levels = new();
    private readonly RequestSender _requests = new();
    private readonly string[] _symbols;
    private readonly byte[] _priceDecimals;
    private readonly byte[] _quantityDecimals;
    private readonly RateLimiter _errorRetries = new(ErrorRetryInterval);
    private long _nextRequestId = 1;

    public KrakenSession(FeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _reader = new KrakenMessageReader(new SymbolTable(context.Instruments, static i => i.ExchangeSymbol), context.PriceScale, context.SizeScale, context.SimulatorUpdateIds);
        _checksum = new KrakenBookChecksum(context.PriceScale, context.SizeScale);
        var count = context.InstrumentSlots;
        _symbols = new string[count];
        _priceDecimals = new byte[count];
        _quantityDecimals = new byte[count];
        foreach (var instrument in context.Instruments)
        {
            _symbols[instrument.Id] = instrument.ExchangeSymbol;
        }
    }

    /// <summary>The <c>connection_id</c> of the status message (unsigned 64-bit); 0 before it arrives.</summary>
    public ulong ConnectionId { get; private set; }

    public ValueTask OnConnectedAsync(IFeedSender sender, CancellationToken cancellationToken)
    {
        _ = _requests.RunAsync(sender, cancellationToken);
        var symbols = _context.Instruments.Select(i => i.ExchangeSymbol).ToArray();
        _requests.Post(KrakenRequests.Book(subscribe: true, symbols, _context.BookDepth, NextRequestId()));
        _requests.Post(KrakenRequests.Trade(symbols, NextRequestId()));
        _ = PingAsync(cancellationToken);
        return ValueTask.CompletedTask;
    }

    public FrameOutcome OnFrame(ReadOnlySpan<byte> frame, long receiveTime)
    {
        var kind = _reader.Read(frame, _levels, out var message);
        switch (kind)
        {
            case KrakenMessageKind.BookUpdate:
                return OnBookUpdate(message, receiveTime);
            case KrakenMessageKind.Trades:
                return OnTrades(receiveTime);
            case KrakenMessageKind.BookSnapshot:
                return OnBookSnapshot(message, receiveTime);
            case KrakenMessageKind.Heartbeat or KrakenMessageKind.Acknowledgement:
                return FrameOutcome.Control;
            case KrakenMessageKind.Status:
                OnStatus(message, frame);
                return FrameOutcome.Control;
            case KrakenMessageKind.Error:
                OnError(message);
                return FrameOutcome.ExchangeError;
            case KrakenMessageKind.Unknown:
                return FrameOutcome.Unknown;
            default:
                return FrameOutcome.Malformed;
        }
    }

    public void Dispose()
    {
        // The request queue and the ping loop stop with the connection's cancellation.
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FrameOutcome OnBookUpdate(in KrakenMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        var sink = _context.Sink;
        if (!sink.IsLive(id))
        {
            // Between a reset and the new subscription's snapshot: the snapshot will contain it.
            return FrameOutcome.Book;
        }
        NoteDecimals(id, message);
        sink.Apply(id, _levels, message.SimulatorUpdateId != 0 ? message.SimulatorUpdateId : sink.Book(id).Sequence, _context.BookDepth);
        if (_checksum.Compute(sink.Book(id), _priceDecimals[id], _quantityDecimals[id]) != message.Checksum)
        {
            return OnChecksumMismatch(id);
        }
        if (!sink.Commit(id, message.Time, receiveTime))
        {
            Resubscribe(id, "the book crossed");
        }
        return FrameOutcome.Book;
    }

    private FrameOutcome OnBookSnapshot(in KrakenMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        var sink = _context.Sink;
        _priceDecimals[id] = 0;
        _quantityDecimals[id] = 0;
        NoteDecimals(id, message);
        sink.LoadSnapshot(id, _levels, message.SimulatorUpdateId, _context.BookDepth);
        if (_checksum.Compute(sink.Book(id), _priceDecimals[id], _quantityDecimals[id]) != message.Checksum)
        {
            return OnChecksumMismatch(id);
        }
        if (!sink.Commit(id, message.Time, receiveTime))
        {
            Resubscribe(id, "the snapshot was crossed");
        }
        return FrameOutcome.Book;
    }

    /// <summary>Kraken's <c>side</c> is the taker's: published as is.</summary>
    private FrameOutcome OnTrades(long receiveTime)
    {
        var published = false;
        var any = false;
        foreach (ref readonly var trade in _reader.Trades)
        {
            any = true;
            published |= _context.Sink.PublishTrade(trade.InstrumentId, trade.Price, trade.Quantity, trade.TakerBought ? TradeSide.Buy : TradeSide.Sell, (ulong)trade.TradeId, trade.Time, receiveTime);
        }
        return published ? FrameOutcome.Trade : any ? FrameOutcome.Duplicate : FrameOutcome.Unknown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteDecimals(ushort id, in KrakenMessage message)
    {
        _priceDecimals[id] = Math.Max(_priceDecimals[id], message.PriceDecimals);
        _quantityDecimals[id] = Math.Max(_quantityDecimals[id], message.QuantityDecimals);
    }

    /// <summary>The book disagrees with Kraken's: reset it before anything is published, count it, and subscribe afresh.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome OnChecksumMismatch(ushort id)
    {
        _context.Sink.Reset(id, ResyncReason.Checksum);
        Resubscribe(id, "checksum mismatch");
        return FrameOutcome.Gap;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resubscribe(ushort id, string why)
    {
        CollectorLog.Resubscribing(_context.Logger, "kraken", _symbols[id], why);
        _requests.Post(KrakenRequests.Book(subscribe: false, [_symbols[id]], _context.BookDepth, NextRequestId()));
        _requests.Post(KrakenRequests.Book(subscribe: true, [_symbols[id]], _context.BookDepth, NextRequestId()));
    }

    private void OnStatus(in KrakenMessage message, ReadOnlySpan<byte> frame)
    {
        if (message.ConnectionId != 0 && message.ConnectionId != ConnectionId)
        {
            ConnectionId = message.ConnectionId;
            var online = frame.IndexOf("\"online\""u8) >= 0;
            CollectorLog.KrakenStatus(_context.Logger, online ? "online" : "not online", "v2", message.ConnectionId);
        }
    }

    /// <summary>An error response (logged by the pipeline): books not yet live are subscribed again, at most once per 5 s.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnError(in KrakenMessage message)
    {
        if (!_errorRetries.TryAcquire(MonotonicClock.NowNanoseconds(), out _))
        {
            return;
        }
        var waiting = _context.NotLiveSymbols(message.KnownSymbol ? message.InstrumentId : null);
        if (waiting.Count > 0)
        {
            _requests.Post(KrakenRequests.Book(subscribe: true, waiting, _context.BookDepth, NextRequestId()));
        }
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                _requests.Post(KrakenRequests.Ping(NextRequestId()));
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private long NextRequestId() => Interlocked.Increment(ref _nextRequestId);
}
