using System.Diagnostics;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Books;

/// <summary>
/// A price-level order book for one instrument: absolute sizes per level (zero removes), fixed-point
/// prices and sizes. Single-threaded: one owner applies updates and reads it; share snapshots, not the
/// book. Allocation-free once its arrays have grown to the book's depth.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedLevels _bids;
    private readonly SortedLevels _asks;

    public OrderBook(int initialDepth = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialDepth);
        _bids = new SortedLevels(bestIsHighest: true, initialDepth);
        _asks = new SortedLevels(bestIsHighest: false, initialDepth);
    }

    /// <summary>The exchange's sequence (update id) this book state corresponds to; 0 when unknown.</summary>
    public long Sequence { get; set; }

    public int BidCount => _bids.Count;

    public int AskCount => _asks.Count;

    public bool IsEmpty => _bids.Count == 0 && _asks.Count == 0;

    /// <summary>True when the best bid is at or above the best ask: a state no exchange publishes.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && _bids.FromBest(0).Price >= _asks.FromBest(0).Price;

    public PriceLevel BestBid => _bids.Count > 0 ? _bids.FromBest(0) : default;

    public PriceLevel BestAsk => _asks.Count > 0 ? _asks.FromBest(0) : default;

    public int Count(BookSide side) => Levels(side).Count;

    /// <summary>This book, read-only: what its owner hands to code that must not change it.</summary>
    public ReadOnlyOrderBook AsReadOnly() => new(this);

    /// <summary>The level <paramref name="depth"/> places from the best on <paramref name="side"/> (0 = best).</summary>
    public PriceLevel Level(BookSide side, int depth)
    {
        var levels = Levels(side);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(depth, levels.Count);
        return levels.FromBest(depth);
    }

    /// <summary>Sets a level's absolute size (zero removes it) and says what changed.</summary>
    public LevelChange Apply(BookSide side, long price, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var change = Levels(side).Apply(price, size);
        AssertInvariants();
        return change;
    }

    /// <summary>Copies the top levels of one side, best first; returns how many were copied.</summary>
    public int CopyTop(BookSide side, Span<PriceLevel> destination) => Levels(side).CopyFromBest(destination);

    /// <summary>Levels deeper than <paramref name="depth"/>, worst first: what a truncation would drop.</summary>
    public ReadOnlySpan<PriceLevel> LevelsBeyond(BookSide side, int depth) => Levels(side).Beyond(depth);

    /// <summary>Keeps the best <paramref name="depth"/> levels of each side (Kraken sends no deletes past its depth).</summary>
    public int TruncateTo(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return _bids.TruncateTo(depth) + _asks.TruncateTo(depth);
    }

    /// <summary>Becomes a copy of <paramref name="source"/>, sequence included (a merged reader adopting a replica's book).</summary>
    public void CopyFrom(OrderBook source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _bids.CopyFrom(source._bids);
        _asks.CopyFrom(source._asks);
        Sequence = source.Sequence;
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        Sequence = 0;
    }

    private SortedLevels Levels(BookSide side) => side == BookSide.Bid ? _bids : _asks;

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        for (var i = 1; i < _bids.Count; i++)
        {
            Debug.Assert(_bids.FromBest(i).Price < _bids.FromBest(i - 1).Price, "bids must be strictly descending from the best");
        }
        for (var i = 1; i < _asks.Count; i++)
        {
            Debug.Assert(_asks.FromBest(i).Price > _asks.FromBest(i - 1).Price, "asks must be strictly ascending from the best");
        }
    }
}
