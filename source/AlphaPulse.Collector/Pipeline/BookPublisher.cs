using System.Diagnostics;
using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using Prometheus;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The collector's books and their publisher: validates every book before anything about it reaches
/// the ring, publishes only the levels an update really changed, top-N snapshots when a book goes live
/// and on request, book-reset records when it stops being valid, and trades. Single-threaded: one
/// connection's gate holder at a time (it owns the ring writer, which is single-threaded too);
/// <see cref="IsLive"/> and <see cref="LiveCount"/> may be read from any thread.
/// </summary>
public sealed class BookPublisher : IMarketDataSink
{
    private const ushort NoStagedBook = ushort.MaxValue;

    private readonly RingWriter _ring;
    private readonly FeedCounters _counters;
    private readonly Histogram? _receiveToPublish;
    private readonly OrderBook[] _books;
    private readonly int[] _states;
    private readonly ulong[] _lastTradeIds;
    private readonly LevelBatch _changes = new();
    private readonly PriceLevel[] _topBids;
    private readonly PriceLevel[] _topAsks;
    private readonly int _depth;
    private readonly int _levelsPerRecord;
    private readonly bool _bookSequences;
    private readonly long _unixMinusMonotonic;
    private ushort _stagedBook = NoStagedBook;

    /// <param name="ring">The collector's ring; its instrument table rows are the book indexes.</param>
    /// <param name="depth">Levels per side in a published snapshot (<c>BOOK_DEPTH</c>).</param>
    /// <param name="counters">Where deltas, snapshots and resyncs are counted.</param>
    /// <param name="receiveToPublish">Receive → publish latency in microseconds; null to skip.</param>
    /// <param name="bookSequences">
    /// True when a book's <see cref="OrderBook.Sequence"/> is the exchange's book sequence (Binance <c>u</c>): book
    /// records then carry it as <c>ExchangeSequence</c>, so merged readers match updates across replicas. False
    /// (Coinbase level2, Kraken): records carry 0 and the sequence stays the collector's own.
    /// </param>
    public BookPublisher(RingWriter ring, int depth, FeedCounters counters, Histogram? receiveToPublish, bool bookSequences)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        _ring = ring;
        _counters = counters;
        _receiveToPublish = receiveToPublish;
        _depth = depth;
        _bookSequences = bookSequences;
        _levelsPerRecord = ring.MaxLevelsPerRecord;
        var count = ring.Instruments.Count;
        _books = new OrderBook[count];
        for (var i = 0; i < count; i++)
        {
            _books[i] = new OrderBook(Math.Max(depth, 64));
        }
        _states = new int[count];
        _lastTradeIds = new ulong[count];
        _topBids = new PriceLevel[depth];
        _topAsks = new PriceLevel[depth];
        _unixMinusMonotonic = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) - MonotonicClock.NowNanoseconds();
    }

    public int BookCount => _books.Length;

    /// <summary>Books synchronised and publishing; safe from any thread.</summary>
    public int LiveCount
    {
        get
        {
            var live = 0;
            for (var i = 0; i < _states.Length; i++)
            {
                live += Volatile.Read(ref _states[i]) == (int)BookState.Live ? 1 : 0;
            }
            return live;
        }
    }

    public OrderBook Book(ushort instrumentId) => _books[instrumentId];

    /// <summary>Safe from any thread (a volatile read).</summary>
    public bool IsLive(ushort instrumentId) => State(instrumentId) == BookState.Live;

    public BookState State(ushort instrumentId) => (BookState)Volatile.Read(ref _states[instrumentId]);

    public void LoadSnapshot(ushort instrumentId, LevelBatch levels, long sequence)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var book = _books[instrumentId];
        book.Clear();
        ApplyLevels(book, BookSide.Bid, levels.Bids, record: false);
        ApplyLevels(book, BookSide.Ask, levels.Asks, record: false);
        book.Sequence = sequence;
        SetState(instrumentId, BookState.Loading);
    }

    public void Apply(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth = 0)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var state = State(instrumentId);
        if (state == BookState.Unsynchronised || (_stagedBook != NoStagedBook && _stagedBook != instrumentId))
        {
            ThrowOnApplyOutOfOrder(instrumentId, state);
        }

        var book = _books[instrumentId];
        var record = state == BookState.Live;
        _stagedBook = instrumentId;
        ApplyLevels(book, BookSide.Bid, levels.Bids, record);
        ApplyLevels(book, BookSide.Ask, levels.Asks, record);
        if (truncateDepth > 0)
        {
            TruncateOnDepth(book, truncateDepth, record);
        }
        book.Sequence = sequence;
    }

    public bool Commit(ushort instrumentId, long exchangeTime, long receiveTime)
    {
        var state = State(instrumentId);
        _stagedBook = NoStagedBook;
        if (state == BookState.Unsynchronised)
        {
            ThrowOnApplyOutOfOrder(instrumentId, state);
        }

        var book = _books[instrumentId];
        if (book.IsCrossed)
        {
            return OnCrossed(instrumentId);
        }

        if (state == BookState.Loading)
        {
            return OnFirstCommitAfterLoad(instrumentId, exchangeTime);
        }

        if (_changes.Count > 0)
        {
            var bids = _changes.Bids;
            var asks = _changes.Asks;
            _ = _ring.PublishBookDelta(instrumentId, exchangeTime, ExchangeSequence(book), bids, asks, RecordFlags.BatchEnd);
            var snapshotLevels = Math.Min(_depth, book.BidCount) + Math.Min(_depth, book.AskCount);
            _counters.CountDelta(RecordSizes.Book(bids.Length + asks.Length, _levelsPerRecord), RecordSizes.Book(snapshotLevels, _levelsPerRecord));
            _changes.Clear();
            ObserveLatency(receiveTime);
        }
        AssertInvariants();
        return true;
    }

    public void Reset(ushort instrumentId, ResyncReason reason)
    {
        PublishResetRecord(instrumentId);
        _counters.CountResync(reason);
    }

    public bool PublishTrade(ushort instrumentId, long price, long size, TradeSide side, ulong tradeId, long exchangeTime, long receiveTime)
    {
        if (tradeId != _lastTradeIds[instrumentId] + 1 && !IsNewTradeOnSkip(instrumentId, tradeId))
        {
            return false;
        }

        _lastTradeIds[instrumentId] = tradeId;
        _ = _ring.PublishTrade(new Trade(instrumentId, price, size, side, tradeId, exchangeTime, receiveTime + _unixMinusMonotonic));
        ObserveLatency(receiveTime);
        return true;
    }

    /// <summary>Publishes a top-N snapshot of every live book (periodic and on-demand snapshots for late readers).</summary>
    public void PublishSnapshots(long exchangeTime)
    {
        for (ushort id = 0; id < _books.Length; id++)
        {
            if (State(id) == BookState.Live)
            {
                PublishSnapshot(id, exchangeTime);
            }
        }
    }

    /// <summary>Every published book becomes unsynchronised behind a reset record (connection lost, or shutting down).</summary>
    public void ResetAll(ResyncReason? reason)
    {
        for (ushort id = 0; id < _books.Length; id++)
        {
            if (State(id) != BookState.Unsynchronised)
            {
                PublishResetRecord(id);
                if (reason is { } counted)
                {
                    _counters.CountResync(counted);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ApplyLevels(OrderBook book, BookSide side, ReadOnlySpan<PriceLevel> levels, bool record)
    {
        foreach (var level in levels)
        {
            var change = book.Apply(side, level.Price, level.Size);
            if (record && change != LevelChange.None)
            {
                _changes.Add(side, level.Price, level.Size);
            }
        }
    }

    /// <summary>Levels pushed past the subscribed depth are dropped, and published as removals (Kraken sends no deletes for them).</summary>
    private void TruncateOnDepth(OrderBook book, int depth, bool record)
    {
        if (record)
        {
            foreach (var level in book.LevelsBeyond(BookSide.Bid, depth))
            {
                _changes.Add(BookSide.Bid, level.Price, 0);
            }
            foreach (var level in book.LevelsBeyond(BookSide.Ask, depth))
            {
                _changes.Add(BookSide.Ask, level.Price, 0);
            }
        }
        _ = book.TruncateTo(depth);
    }

    /// <summary>The trade id is not the next one: a duplicate (false), the first trade seen, or a skip ahead (counted).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool IsNewTradeOnSkip(ushort instrumentId, ulong tradeId)
    {
        var last = _lastTradeIds[instrumentId];
        if (last != 0 && tradeId <= last)
        {
            return false;
        }
        if (last != 0)
        {
            _counters.CountTradeGap();
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnCrossed(ushort instrumentId)
    {
        Reset(instrumentId, ResyncReason.Crossed);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnFirstCommitAfterLoad(ushort instrumentId, long exchangeTime)
    {
        _changes.Clear();
        PublishSnapshot(instrumentId, exchangeTime);
        SetState(instrumentId, BookState.Live);
        return true;
    }

    private void PublishSnapshot(ushort instrumentId, long exchangeTime)
    {
        var book = _books[instrumentId];
        var bids = book.CopyTop(BookSide.Bid, _topBids);
        var asks = book.CopyTop(BookSide.Ask, _topAsks);
        _ = _ring.PublishBookSnapshot(instrumentId, exchangeTime, ExchangeSequence(book), _topBids.AsSpan(0, bids), _topAsks.AsSpan(0, asks));
        _counters.CountSnapshotPublished();
    }

    private void PublishResetRecord(ushort instrumentId)
    {
        if (State(instrumentId) == BookState.Live)
        {
            // An empty delta flagged BookReset: readers clear the book and wait for the next snapshot.
            _ = _ring.PublishBookDelta(instrumentId, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        }
        if (_stagedBook == instrumentId)
        {
            _changes.Clear();
            _stagedBook = NoStagedBook;
        }
        _books[instrumentId].Clear();
        SetState(instrumentId, BookState.Unsynchronised);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ExchangeSequence(OrderBook book) => _bookSequences ? book.Sequence : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ObserveLatency(long receiveTime)
    {
        if (_receiveToPublish is { } histogram && receiveTime != 0)
        {
            histogram.Observe((MonotonicClock.NowNanoseconds() - receiveTime) / 1000.0);
        }
    }

    // Release: /ready on another thread sees a book live only after its snapshot is in the ring.
    private void SetState(ushort instrumentId, BookState state) => Volatile.Write(ref _states[instrumentId], (int)state);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOnApplyOutOfOrder(ushort instrumentId, BookState state) =>
        throw new InvalidOperationException($"updates apply to one book at a time, after LoadSnapshot: instrumentId={instrumentId}, state={state}, stagedBook={_stagedBook} (load a snapshot first and Commit each book before the next)");

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_stagedBook == NoStagedBook || _stagedBook < _books.Length, "a staged book must be one of the collector's books");
    }
}
