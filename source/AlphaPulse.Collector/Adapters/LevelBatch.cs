using System.Runtime.CompilerServices;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// The levels of one parsed book message, bids and asks kept apart in wire order. A parser fills it
/// completely before anything is applied, so a frame that turns out malformed halfway never touches a
/// book. Single-threaded; reused per message; grows by doubling and then allocates nothing.
/// </summary>
public sealed class LevelBatch
{
    private PriceLevel[] _bids;
    private PriceLevel[] _asks;
    private int _bidCount;
    private int _askCount;

    public LevelBatch(int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _bids = new PriceLevel[initialCapacity];
        _asks = new PriceLevel[initialCapacity];
    }

    public ReadOnlySpan<PriceLevel> Bids => _bids.AsSpan(0, _bidCount);

    public ReadOnlySpan<PriceLevel> Asks => _asks.AsSpan(0, _askCount);

    public int Count => _bidCount + _askCount;

    public ReadOnlySpan<PriceLevel> Side(BookSide side) => side == BookSide.Bid ? Bids : Asks;

    public void Clear()
    {
        _bidCount = 0;
        _askCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(BookSide side, long price, long size)
    {
        if (side == BookSide.Bid)
        {
            Append(ref _bids, ref _bidCount, new PriceLevel(price, size));
        }
        else
        {
            Append(ref _asks, ref _askCount, new PriceLevel(price, size));
        }
    }

    /// <summary>Appends every level of <paramref name="bids"/> and <paramref name="asks"/> (replaying a buffered update).</summary>
    public void AddRange(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        foreach (var level in bids)
        {
            Append(ref _bids, ref _bidCount, level);
        }
        foreach (var level in asks)
        {
            Append(ref _asks, ref _askCount, level);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Append(ref PriceLevel[] levels, ref int count, PriceLevel level)
    {
        if (count == levels.Length)
        {
            GrowOnFull(ref levels);
        }
        levels[count++] = level;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GrowOnFull(ref PriceLevel[] levels) => Array.Resize(ref levels, levels.Length * 2);
}
