using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using Prometheus;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Writes the collector's records into its ring — deltas of the levels that changed, top-N snapshots,
/// book-reset records, trades — and counts each with its receive → publish latency. Knows nothing of
/// book state. Single-threaded: the ring writer is.
/// </summary>
public sealed class RingPublisher
{
    private readonly RingWriter _ring;
    private readonly FeedCounters _counters;
    private readonly Histogram? _receiveToPublish;
    private readonly PriceLevel[] _topBids;
    private readonly PriceLevel[] _topAsks;
    private readonly int _depth;
    private readonly int _levelsPerRecord;
    private readonly bool _bookSequences;
    private readonly long _unixMinusMonotonic;

    /// <param name="ring">The collector's ring.</param>
    /// <param name="depth">Levels per side in a published snapshot (<c>BOOK_DEPTH</c>).</param>
    /// <param name="counters">Where deltas, snapshots and resyncs are counted.</param>
    /// <param name="receiveToPublish">Receive → publish latency in microseconds; null to skip.</param>
    /// <param name="bookSequences">
    /// True when a book's <see cref="OrderBook.Sequence"/> is the exchange's book sequence (Binance <c>u</c>): book
    /// records then carry it as <c>ExchangeSequence</c>, so merged readers match updates across replicas. False
    /// (Coinbase level2, Kraken): records carry 0 and the sequence stays the collector's own.
    /// </param>
    public RingPublisher(RingWriter ring, int depth, FeedCounters counters, Histogram? receiveToPublish, bool bookSequences)
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
        _topBids = new PriceLevel[depth];
        _topAsks = new PriceLevel[depth];
        _unixMinusMonotonic = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) - MonotonicClock.NowNanoseconds();
    }

    public RingWriter Ring => _ring;

    public FeedCounters Counters => _counters;

    /// <summary>The levels that changed, as one delta (split over records by the ring when long), counted against what a snapshot would have cost.</summary>
    public void PublishDelta(ushort instrumentId, OrderBook book, LevelBatch changes, long exchangeTime, long receiveTime)
    {
        var bids = changes.Bids;
        var asks = changes.Asks;
        _ = _ring.PublishBookDelta(instrumentId, exchangeTime, ExchangeSequence(book), bids, asks, RecordFlags.BatchEnd);
        var snapshotLevels = Math.Min(_depth, book.BidCount) + Math.Min(_depth, book.AskCount);
        _counters.CountDelta(RecordSizes.Book(bids.Length + asks.Length, _levelsPerRecord), RecordSizes.Book(snapshotLevels, _levelsPerRecord));
        ObserveLatency(receiveTime);
    }

    /// <summary>The book's top <c>BOOK_DEPTH</c> levels a side.</summary>
    public void PublishSnapshot(ushort instrumentId, OrderBook book, long exchangeTime)
    {
        var bids = book.CopyTop(BookSide.Bid, _topBids);
        var asks = book.CopyTop(BookSide.Ask, _topAsks);
        _ = _ring.PublishBookSnapshot(instrumentId, exchangeTime, ExchangeSequence(book), _topBids.AsSpan(0, bids), _topAsks.AsSpan(0, asks));
        _counters.CountSnapshotPublished();
    }

    /// <summary>An empty delta flagged BookReset: readers clear the book and wait for the next snapshot.</summary>
    public void PublishReset(ushort instrumentId) =>
        _ = _ring.PublishBookDelta(instrumentId, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);

    /// <summary>A trade, stamped with its receive time in Unix nanoseconds.</summary>
    public void PublishTrade(ushort instrumentId, long price, long size, TradeSide side, ulong tradeId, long exchangeTime, long receiveTime)
    {
        _ = _ring.PublishTrade(new Trade(instrumentId, price, size, side, tradeId, exchangeTime, receiveTime + _unixMinusMonotonic));
        ObserveLatency(receiveTime);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ExchangeSequence(OrderBook book) => _bookSequences ? book.Sequence : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ObserveLatency(long receiveTime)
    {
        if (_receiveToPublish is { } histogram && receiveTime != 0)
        {
            histogram.Observe((MonotonicClock.NowNanoseconds() - receiveTime) / 1e9);
        }
    }
}
