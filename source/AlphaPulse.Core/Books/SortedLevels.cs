using System.Runtime.CompilerServices;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Books;

/// <summary>
/// One side of a book as a sorted array, best price LAST: most updates land near the top of the book,
/// so keeping the top at the end makes inserts and removals there move a few elements, not thousands.
/// Single-threaded: owned by one book. Grows by doubling; allocation-free once warm.
/// </summary>
internal sealed class SortedLevels
{
    private readonly bool _bestIsHighest;
    private PriceLevel[] _levels;
    private int _count;

    public SortedLevels(bool bestIsHighest, int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _bestIsHighest = bestIsHighest;
        _levels = new PriceLevel[initialCapacity];
    }

    public int Count => _count;

    /// <summary>The level <paramref name="depth"/> places from the best (0 = best).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PriceLevel FromBest(int depth) => _levels[_count - 1 - depth];

    public void Clear() => _count = 0;

    /// <summary>Becomes a copy of <paramref name="source"/> (same side); allocation-free once large enough.</summary>
    public void CopyFrom(SortedLevels source)
    {
        if (_levels.Length < source._count)
        {
            GrowTo(source._count);
        }
        Array.Copy(source._levels, _levels, source._count);
        _count = source._count;
    }

    /// <summary>Sets the absolute size at a price; zero removes the level.</summary>
    public LevelChange Apply(long price, long size)
    {
        var index = Find(price);
        if (index >= 0)
        {
            if (size == 0)
            {
                RemoveAt(index);
                return LevelChange.Removed;
            }
            if (_levels[index].Size == size)
            {
                return LevelChange.None;
            }
            _levels[index] = new PriceLevel(price, size);
            return LevelChange.Updated;
        }
        if (size == 0)
        {
            return LevelChange.None;
        }
        InsertAt(~index, new PriceLevel(price, size));
        return LevelChange.Inserted;
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length levels, best first; returns how many.</summary>
    public int CopyFromBest(Span<PriceLevel> destination)
    {
        var n = Math.Min(destination.Length, _count);
        for (var i = 0; i < n; i++)
        {
            destination[i] = _levels[_count - 1 - i];
        }
        return n;
    }

    /// <summary>The levels deeper than <paramref name="depth"/>, worst first (they are at the array's start).</summary>
    public ReadOnlySpan<PriceLevel> Beyond(int depth) => _count > depth ? _levels.AsSpan(0, _count - depth) : default;

    /// <summary>Drops every level deeper than <paramref name="depth"/>; returns how many were dropped.</summary>
    public int TruncateTo(int depth)
    {
        var drop = _count - depth;
        if (drop <= 0)
        {
            return 0;
        }
        Array.Copy(_levels, drop, _levels, 0, depth);
        _count = depth;
        return drop;
    }

    // Binary search in "worst to best" order: ascending prices for bids, descending for asks.
    private int Find(long price)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var current = _levels[middle].Price;
            if (current == price)
            {
                return middle;
            }
            if (current < price == _bestIsHighest)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return ~low;
    }

    private void InsertAt(int index, PriceLevel level)
    {
        if (_count == _levels.Length)
        {
            GrowOnFull();
        }
        Array.Copy(_levels, index, _levels, index + 1, _count - index);
        _levels[index] = level;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_levels, index + 1, _levels, index, _count - index);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowOnFull() => Array.Resize(ref _levels, _levels.Length * 2);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowTo(int count) => _levels = new PriceLevel[Math.Max(count, _levels.Length * 2)];
}
