using System.Diagnostics;
using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The collector's books and where each is in its synchronisation (<see cref="BookState"/>): loads
/// snapshots, applies updates to one staged book at a time while recording the levels that really
/// changed, and validates a book before it may be published. Writes nothing anywhere. Single-threaded
/// (the connection's gate holder); <see cref="State"/> and <see cref="LiveCount"/> may be read from any
/// thread.
/// </summary>
public sealed class CollectorBooks
{
    private const ushort NoStagedBook = ushort.MaxValue;

    private readonly OrderBook[] _books;
    private readonly int[] _states;
    private readonly LevelBatch _changes = new();
    private ushort _stagedBook = NoStagedBook;

    /// <param name="count">Books, one per instrument id.</param>
    /// <param name="depth">Levels a side the books are sized for.</param>
    public CollectorBooks(int count, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _books = new OrderBook[count];
        for (var i = 0; i < count; i++)
        {
            _books[i] = new OrderBook(Math.Max(depth, 64));
        }
        _states = new int[count];
    }

    public int Count => _books.Length;

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

    /// <summary>Levels changed by the staged updates since the last <see cref="TakeChanges"/>.</summary>
    public LevelBatch Changes => _changes;

    /// <summary>The book itself, for the publisher that copies its top levels; sessions get <see cref="ReadOnlyOrderBook"/>.</summary>
    internal OrderBook this[ushort instrumentId] => _books[instrumentId];

    /// <summary>Safe from any thread (an acquire read).</summary>
    public BookState State(ushort instrumentId) => (BookState)Volatile.Read(ref _states[instrumentId]);

    /// <summary>Replaces the book with a snapshot and marks it loading; <paramref name="truncateDepth"/> &gt; 0 keeps that many levels a side.</summary>
    public void Load(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var book = _books[instrumentId];
        book.Clear();
        ApplyLevels(book, BookSide.Bid, levels.Bids, record: false);
        ApplyLevels(book, BookSide.Ask, levels.Asks, record: false);
        if (truncateDepth > 0)
        {
            _ = book.TruncateTo(truncateDepth);
        }
        book.Sequence = sequence;
        SetState(instrumentId, BookState.Loading);
    }

    /// <summary>Applies absolute sizes to a loading or live book; a live book's real changes are recorded for the next delta.</summary>
    public void Apply(ushort instrumentId, LevelBatch levels, long sequence, int truncateDepth)
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

    /// <summary>Ends the staged batch: the book's state, which the caller then publishes (or resets when <see cref="IsValid"/> fails).</summary>
    public BookState EndBatch(ushort instrumentId)
    {
        var state = State(instrumentId);
        _stagedBook = NoStagedBook;
        if (state == BookState.Unsynchronised)
        {
            ThrowOnApplyOutOfOrder(instrumentId, state);
        }
        return state;
    }

    /// <summary>A book is valid when it is not crossed: no exchange publishes a best bid at or above the best ask.</summary>
    public bool IsValid(ushort instrumentId) => !_books[instrumentId].IsCrossed;

    /// <summary>A loaded book goes live (after its snapshot is in the ring); changes recorded while loading are dropped.</summary>
    public void MarkLive(ushort instrumentId)
    {
        _changes.Clear();
        SetState(instrumentId, BookState.Live);
    }

    /// <summary>The changes of the batch just ended, cleared by the caller after publishing.</summary>
    public LevelBatch TakeChanges() => _changes;

    /// <summary>Clears the book (and a staged batch of it) and marks it unsynchronised; returns whether it was live.</summary>
    public bool Reset(ushort instrumentId)
    {
        var wasLive = State(instrumentId) == BookState.Live;
        if (_stagedBook == instrumentId)
        {
            _changes.Clear();
            _stagedBook = NoStagedBook;
        }
        _books[instrumentId].Clear();
        SetState(instrumentId, BookState.Unsynchronised);
        AssertInvariants();
        return wasLive;
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

    /// <summary>Levels pushed past the subscribed depth are dropped, and recorded as removals (Kraken sends no deletes for them).</summary>
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
