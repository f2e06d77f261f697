using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using Prometheus;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The sessions' <see cref="IMarketDataSink"/>: joins the three pieces behind it — the books and their
/// validation (<see cref="CollectorBooks"/>), trade de-duplication (<see cref="TradeDeduplicator"/>) and
/// ring writing (<see cref="RingPublisher"/>) — so that nothing about a book reaches the ring before it is
/// valid, a live book publishes only the levels an update really changed, and a book that stops being
/// valid is reset in the ring. Single-threaded: one connection's gate holder at a time;
/// <see cref="IsLive"/> and <see cref="LiveCount"/> may be read from any thread.
/// </summary>
public sealed class BookPublisher : IMarketDataSink
{
    private readonly CollectorBooks _books;
    private readonly TradeDeduplicator _trades;
    private readonly RingPublisher _ring;
    private readonly FeedCounters _counters;

    /// <inheritdoc cref="RingPublisher(RingWriter, int, FeedCounters, Histogram?, bool)"/>
    public BookPublisher(RingWriter ring, int depth, FeedCounters counters, Histogram? receiveToPublish, bool bookSequences)
    {
        _ring = new RingPublisher(ring, depth, counters, receiveToPublish, bookSequences);
        _counters = counters;
        _books = new CollectorBooks(ring.Instruments.Count, depth);
        _trades = new TradeDeduplicator(ring.Instruments.Count, counters);
    }

    public int BookCount => _books.Count;

    /// <inheritdoc cref="CollectorBooks.LiveCount"/>
    public int LiveCount => _books.LiveCount;

    public ReadOnlyOrderBook Book(ushort instrumentId) => _books[instrumentId].AsReadOnly();

    /// <summary>Safe from any thread (a volatile read).</summary>
    public bool IsLive(ushort instrumentId) => _books.State(instrumentId) == BookState.Live;

    public BookState State(ushort instrumentId) => _books.State(instrumentId);

    public void LoadSnapshot(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth = 0) =>
        _books.Load(instrumentId, levels, sequence, truncateDepth);

    public void Apply(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth = 0) =>
        _books.Apply(instrumentId, levels, sequence, truncateDepth);

    public bool Commit(ushort instrumentId, long exchangeTime, long receiveTime)
    {
        var state = _books.EndBatch(instrumentId);
        if (!_books.IsValid(instrumentId))
        {
            Reset(instrumentId, ResyncReason.Crossed);
            return false;
        }

        var book = _books[instrumentId];
        if (state == BookState.Loading)
        {
            _ring.PublishSnapshot(instrumentId, book, exchangeTime);
            _books.MarkLive(instrumentId);
            return true;
        }

        var changes = _books.TakeChanges();
        if (changes.Count > 0)
        {
            _ring.PublishDelta(instrumentId, book, changes, exchangeTime, receiveTime);
            changes.Clear();
        }
        return true;
    }

    public void Reset(ushort instrumentId, ResyncReason reason)
    {
        ResetBook(instrumentId);
        _counters.CountResync(reason);
    }

    public bool PublishTrade(ushort instrumentId, long price, long size, TradeSide side, ulong tradeId, long exchangeTime, long receiveTime)
    {
        if (!_trades.IsNew(instrumentId, tradeId))
        {
            return false;
        }
        _ring.PublishTrade(instrumentId, price, size, side, tradeId, exchangeTime, receiveTime);
        return true;
    }

    /// <summary>Publishes a top-N snapshot of every live book (periodic and on-demand snapshots for late readers).</summary>
    public void PublishSnapshots(long exchangeTime)
    {
        for (ushort id = 0; id < _books.Count; id++)
        {
            if (IsLive(id))
            {
                _ring.PublishSnapshot(id, _books[id], exchangeTime);
            }
        }
    }

    /// <summary>Every published book becomes unsynchronised behind a reset record (connection lost, or shutting down).</summary>
    public void ResetAll(ResyncReason? reason)
    {
        for (ushort id = 0; id < _books.Count; id++)
        {
            if (State(id) != BookState.Unsynchronised)
            {
                ResetBook(id);
                if (reason is { } counted)
                {
                    _counters.CountResync(counted);
                }
            }
        }
    }

    /// <summary>A live book's readers are told first (a reset record); then the book is cleared.</summary>
    private void ResetBook(ushort instrumentId)
    {
        if (IsLive(instrumentId))
        {
            _ring.PublishReset(instrumentId);
        }
        _ = _books.Reset(instrumentId);
    }
}
