using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>
/// One Coinbase Exchange feed connection: subscribes the book channel, <c>matches</c> and <c>heartbeat</c> for
/// every product at once (Coinbase closes a socket with no subscribe within 5 s), loads each <c>snapshot</c>,
/// applies <c>l2update</c>s, publishes matches as taker-side trades, and resynchronises a product by
/// resubscribing when loss shows. Threading: <see cref="OnFrame"/> runs under <see cref="FeedContext.Gate"/>;
/// requests go out through a <see cref="RequestSender"/>.
/// </summary>
/// <remarks>
/// The level-2 channel carries no sequence numbers, so loss is inferred per product (Exchange WebSocket feed,
/// "Heartbeat" and "Matches"): a match's <c>trade_id</c> must be the previous one + 1 and its <c>sequence</c>
/// must rise; a heartbeat's <c>last_trade_id</c> must not be ahead of the last match seen. Any breach resets the
/// book and resubscribes the product, which brings a fresh <c>snapshot</c> and a <c>last_match</c> to restart from.
/// </remarks>
internal sealed class CoinbaseSession : IFeedSession
{
    /// <summary>At most one resubscription of not-yet-live products per this interval after <c>error</c> messages.</summary>
    private static readonly long ErrorRetryInterval = TimeSpan.FromSeconds(5).Ticks * 100;

    private readonly FeedContext _context;
    private readonly CoinbaseCredentials? _credentials;
    private readonly CoinbaseMessageReader _reader;
    private readonly LevelBatch _levels = new();
    private readonly RequestSender _requests = new();
    private readonly string[] _productIds;
    private readonly long[] _lastTradeIds;
    private readonly long[] _lastMatchSequences;
    private readonly long[] _lastHeartbeatSequences;
    private readonly bool[] _resyncing;
    private readonly RateLimiter _errorRetries = new(ErrorRetryInterval);
    private string _bookChannel;

    public CoinbaseSession(FeedContext context, CoinbaseCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _credentials = credentials;
        _bookChannel = credentials is null ? CoinbaseRequests.Level2Batch : CoinbaseRequests.Level2;
        _reader = new CoinbaseMessageReader(new SymbolTable(context.Instruments, static i => i.ExchangeSymbol), context.PriceScale, context.SizeScale, context.SimulatorUpdateIds);
        var count = context.InstrumentSlots;
        _productIds = new string[count];
        _lastTradeIds = new long[count];
        _lastMatchSequences = new long[count];
        _lastHeartbeatSequences = new long[count];
        _resyncing = new bool[count];
        foreach (var instrument in context.Instruments)
        {
            _productIds[instrument.Id] = instrument.ExchangeSymbol;
        }
    }

    /// <summary>The book channel in use: <c>level2</c> with credentials (until Coinbase refuses them), else <c>level2_batch</c>.</summary>
    public string BookChannel => _bookChannel;

    public ValueTask OnConnectedAsync(IFeedSender sender, CancellationToken cancellationToken)
    {
        _ = _requests.RunAsync(sender, cancellationToken);
        _requests.Post(Subscribe(_context.Instruments.Select(i => i.ExchangeSymbol)));
        return ValueTask.CompletedTask;
    }

    public FrameOutcome OnFrame(ReadOnlySpan<byte> frame, long receiveTime)
    {
        var type = _reader.Read(frame, _levels, out var message);
        switch (type)
        {
            case CoinbaseMessageType.L2Update:
                return OnUpdate(message, receiveTime);
            case CoinbaseMessageType.Match:
                return OnMatch(message, receiveTime);
            case CoinbaseMessageType.Heartbeat:
                return OnHeartbeat(message);
            case CoinbaseMessageType.Snapshot:
                return OnSnapshot(message, receiveTime);
            case CoinbaseMessageType.LastMatch:
                return OnLastMatch(message, receiveTime);
            case CoinbaseMessageType.Subscriptions:
                return FrameOutcome.Control;
            case CoinbaseMessageType.Error:
                OnError(frame);
                return FrameOutcome.ExchangeError;
            case CoinbaseMessageType.Unknown:
                return FrameOutcome.Unknown;
            default:
                return FrameOutcome.Malformed;
        }
    }

    public void Dispose()
    {
        // The request queue stops with the connection's cancellation; nothing else is held.
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FrameOutcome OnUpdate(in CoinbaseMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        var sink = _context.Sink;
        if (!sink.IsLive(id))
        {
            // Before the snapshot (or while resubscribing): the snapshot will contain it.
            return FrameOutcome.Book;
        }
        sink.Apply(id, _levels, message.SimulatorUpdateId != 0 ? message.SimulatorUpdateId : sink.Book(id).Sequence);
        if (!sink.Commit(id, message.Time, receiveTime))
        {
            // Crossed: the publisher reset and counted it; a fresh snapshot heals it.
            Resubscribe(id, "the book crossed");
        }
        return FrameOutcome.Book;
    }

    /// <summary>A match: trade ids +1 per product and sequences rising; otherwise something was lost or mangled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FrameOutcome OnMatch(in CoinbaseMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        var last = _lastTradeIds[id];
        if (last != 0 && message.TradeId <= last)
        {
            return FrameOutcome.Duplicate;
        }
        var lost = last != 0 && !_resyncing[id] && (message.TradeId != last + 1 || message.Sequence <= _lastMatchSequences[id]);
        _lastTradeIds[id] = message.TradeId;
        _lastMatchSequences[id] = message.Sequence;
        var published = PublishTrade(message, receiveTime);
        if (lost)
        {
            return OnLoss(id, message.TradeId != last + 1 ? "a match's trade_id skipped" : "a match's sequence did not rise");
        }
        return published ? FrameOutcome.Trade : FrameOutcome.Duplicate;
    }

    /// <summary>The latest match before the subscription: the baseline later matches continue from.</summary>
    private FrameOutcome OnLastMatch(in CoinbaseMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        _lastTradeIds[id] = Math.Max(_lastTradeIds[id], message.TradeId);
        _lastMatchSequences[id] = Math.Max(_lastMatchSequences[id], message.Sequence);
        return PublishTrade(message, receiveTime) ? FrameOutcome.Trade : FrameOutcome.Control;
    }

    private FrameOutcome OnHeartbeat(in CoinbaseMessage message)
    {
        var id = message.InstrumentId;
        var previous = _lastHeartbeatSequences[id];
        _lastHeartbeatSequences[id] = message.Sequence;
        if (_resyncing[id])
        {
            return FrameOutcome.Control;
        }
        if (_lastTradeIds[id] != 0 && message.LastTradeId > _lastTradeIds[id])
        {
            return OnLoss(id, "the heartbeat's last_trade_id is ahead of the last match received");
        }
        return message.Sequence < previous ? OnLoss(id, "the heartbeat's sequence went back") : FrameOutcome.Control;
    }

    private FrameOutcome OnSnapshot(in CoinbaseMessage message, long receiveTime)
    {
        var id = message.InstrumentId;
        var sink = _context.Sink;
        _resyncing[id] = false;
        sink.LoadSnapshot(id, _levels, message.SimulatorUpdateId);
        if (!sink.Commit(id, message.Time, receiveTime))
        {
            Resubscribe(id, "the snapshot was crossed");
        }
        return FrameOutcome.Book;
    }

    /// <summary>Matches carry the MAKER's side; the ring carries the taker's (aggressor's), as for every exchange.</summary>
    private bool PublishTrade(in CoinbaseMessage message, long receiveTime) =>
        _context.Sink.PublishTrade(message.InstrumentId, message.Price, message.Size, message.MakerBought ? TradeSide.Sell : TradeSide.Buy, (ulong)message.TradeId, message.Time, receiveTime);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome OnLoss(ushort id, string what)
    {
        _context.Sink.Reset(id, ResyncReason.Gap);
        Resubscribe(id, what);
        return FrameOutcome.Gap;
    }

    /// <summary>Unsubscribe then subscribe the product: Coinbase answers with a snapshot and a last_match.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resubscribe(ushort id, string why)
    {
        if (_context.Sink.IsLive(id))
        {
            _context.Sink.Reset(id, ResyncReason.Gap);
        }
        _resyncing[id] = true;
        _lastTradeIds[id] = 0;
        _lastMatchSequences[id] = 0;
        _lastHeartbeatSequences[id] = 0;
        CollectorLog.Resubscribing(_context.Logger, "coinbase", _productIds[id], why);
        _requests.Post(CoinbaseRequests.Unsubscribe([_productIds[id]], _bookChannel));
        _requests.Post(Subscribe([_productIds[id]]));
    }

    /// <summary>
    /// An <c>error</c> message (logged by the pipeline). level2 refused for lack of authentication: fall back to
    /// level2_batch. Otherwise products whose books are not live are resubscribed, at most once per 5 s.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnError(ReadOnlySpan<byte> frame)
    {
        var retry = _errorRetries.TryAcquire(MonotonicClock.NowNanoseconds(), out _);
        if (CoinbaseMessageReader.IsAuthenticationError(frame) && _bookChannel == CoinbaseRequests.Level2)
        {
            CollectorLog.Level2Refused(_context.Logger, System.Text.Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, 200)]));
            _bookChannel = CoinbaseRequests.Level2Batch;
            retry = true;
        }
        var waiting = retry ? _context.NotLiveSymbols() : [];
        if (waiting.Count > 0)
        {
            _requests.Post(Subscribe(waiting));
        }
    }

    private byte[] Subscribe(IEnumerable<string> productIds) =>
        CoinbaseRequests.Subscribe(productIds, _bookChannel, _bookChannel == CoinbaseRequests.Level2 ? _credentials : null, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
