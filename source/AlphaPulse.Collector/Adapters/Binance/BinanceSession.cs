using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// One Binance combined-stream connection: parses frames, publishes trades, and runs the local order
/// book procedure per symbol (<see cref="BinanceBookSync"/>), fetching REST snapshots in the background.
/// Threading: <see cref="OnFrame"/> and snapshot completions run under <see cref="FeedContext.Gate"/>.
/// </summary>
internal sealed class BinanceSession : IFeedSession
{
    /// <summary>Events buffered per symbol while its snapshot is fetched before starting over (about 10 minutes at 100 ms).</summary>
    private const int MaxBufferedEvents = 6000;

    private readonly FeedContext _context;
    private readonly IDepthSnapshotSource _snapshots;
    private readonly BinanceMessageReader _reader;
    private readonly LevelBatch _levels = new();
    private readonly BinanceBookSync[] _books;
    private readonly string[] _exchangeSymbols;
    private readonly CancellationTokenSource _closed;
    private bool _disposed;

    public BinanceSession(FeedContext context, IDepthSnapshotSource snapshots)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(snapshots);
        _context = context;
        _snapshots = snapshots;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
        _reader = new BinanceMessageReader(new SymbolTable(context.Instruments, static i => i.ExchangeSymbol), context.PriceScale, context.SizeScale);
        var count = context.InstrumentSlots;
        _books = new BinanceBookSync[count];
        _exchangeSymbols = new string[count];
        foreach (var instrument in context.Instruments)
        {
            _books[instrument.Id] = new BinanceBookSync(instrument.Id, context.Sink, MaxBufferedEvents);
            _exchangeSymbols[instrument.Id] = instrument.ExchangeSymbol;
        }
    }

    /// <summary>The combined-stream URL already names every stream: nothing to send.</summary>
    public ValueTask OnConnectedAsync(IFeedSender sender, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public FrameOutcome OnFrame(ReadOnlySpan<byte> frame, long receiveTime)
    {
        var kind = _reader.Read(frame, _levels, out var evt);
        switch (kind)
        {
            case BinanceFrameKind.DepthUpdate:
                return OnDepth(evt, receiveTime);
            case BinanceFrameKind.Trade:
                // m: true means the buyer was the maker, so the seller hit the bid: an aggressive sell.
                var side = evt.BuyerIsMaker ? TradeSide.Sell : TradeSide.Buy;
                return _context.Sink.PublishTrade(evt.InstrumentId, evt.Price, evt.Quantity, side, (ulong)evt.TradeId, evt.TradeTime * 1_000_000, receiveTime)
                    ? FrameOutcome.Trade
                    : FrameOutcome.Duplicate;
            case BinanceFrameKind.Control:
                return FrameOutcome.Control;
            case BinanceFrameKind.Error:
                return FrameOutcome.ExchangeError;
            case BinanceFrameKind.Unknown:
                return FrameOutcome.Unknown;
            default:
                return FrameOutcome.Malformed;
        }
    }

    /// <summary>Stops pending snapshot requests; a second call does nothing (Cancel on a disposed source would throw).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _closed.Cancel();
        _closed.Dispose();
    }

    private FrameOutcome OnDepth(in BinanceEvent evt, long receiveTime)
    {
        if (evt.FirstUpdateId > evt.FinalUpdateId)
        {
            return FrameOutcome.Malformed;
        }

        var book = _books[evt.InstrumentId];
        var outcome = book.OnDepth(evt, _levels, receiveTime);
        if (book.WantsSnapshot)
        {
            RequestSnapshot(book);
        }
        return outcome;
    }

    private void RequestSnapshot(BinanceBookSync book)
    {
        book.SnapshotPending = true;
        _context.Counters.CountSnapshotRequest();
        _ = FetchSnapshotAsync(book, _closed.Token);
    }

    /// <summary>
    /// Step 3, and step 4's "go back to step 3": fetch until a snapshot parses and is not older than the
    /// first buffered event, then apply it under the gate. Failures back off; a snapshot that is behind is
    /// fetched again at once the first time, then with backoff (Binance weighs depth requests heavily).
    /// </summary>
    private async Task FetchSnapshotAsync(BinanceBookSync book, CancellationToken cancellationToken)
    {
        var symbol = _exchangeSymbols[book.InstrumentId];
        var snapshot = new LevelBatch(_context.BookDepth);
        var attempt = 0;
        try
        {
            while (true)
            {
                if (await TryFetchAsync(symbol, snapshot, cancellationToken).ConfigureAwait(false) is { } lastUpdateId)
                {
                    using (_context.Gate.EnterScope())
                    {
                        if (cancellationToken.IsCancellationRequested)
                        {
                            return;
                        }
                        if (book.OnSnapshot(lastUpdateId, snapshot, MonotonicClock.NowNanoseconds()))
                        {
                            book.SnapshotPending = false;
                            return;
                        }
                        _context.Counters.CountSnapshotBehind();
                    }
                }
                else
                {
                    _context.Counters.CountSnapshotFailure();
                }

                if (attempt > 0)
                {
                    await Task.Delay(Backoff.Delay(attempt - 1, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), Random.Shared.NextDouble()), cancellationToken).ConfigureAwait(false);
                }
                attempt++;
                _context.Counters.CountSnapshotRequest();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended: its books start over on the next one.
        }
    }

    /// <summary>One REST request: the snapshot's <c>lastUpdateId</c> with its levels in <paramref name="snapshot"/>, or null when it failed.</summary>
    private async Task<long?> TryFetchAsync(string symbol, LevelBatch snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var body = await _snapshots.FetchAsync(symbol, _context.BookDepth, cancellationToken).ConfigureAwait(false);
            if (BinanceSnapshotReader.TryRead(body, _context.PriceScale, _context.SizeScale, snapshot, out var lastUpdateId))
            {
                return lastUpdateId;
            }
            CollectorLog.SnapshotMalformed(_context.Logger, symbol, body.Length);
        }
        catch (HttpRequestException e)
        {
            CollectorLog.SnapshotFailed(_context.Logger, symbol, e.Message);
        }
        return null;
    }
}
