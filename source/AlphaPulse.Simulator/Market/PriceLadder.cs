using System.Diagnostics;

namespace AlphaPulse.Simulator.Market;

/// <summary>
/// One side of a price-level book: integer price (ticks) → integer quantity (lots), kept sorted with the
/// best level at the end of the arrays so that the busy top of the book is changed with short moves.
/// Single-threaded: owned by one <see cref="MarketModel"/> and touched only under its lock (or as a copy).
/// </summary>
internal sealed class PriceLadder
{
    // Keys are prices for bids and negated prices for asks, so "best" is always the largest key.
    private long[] _keys;
    private long[] _quantities;

    public PriceLadder(bool isBid, int capacity = 1024)
    {
        IsBid = isBid;
        _keys = new long[capacity];
        _quantities = new long[capacity];
    }

    public bool IsBid { get; }

    public int Count { get; private set; }

    /// <summary>Price of the level <paramref name="depth"/> places from the top (0 = best).</summary>
    public long PriceAt(int depth) => ToPrice(_keys[Count - 1 - depth]);

    public long QuantityAt(int depth) => _quantities[Count - 1 - depth];

    public long BestPriceOr(long fallback) => Count == 0 ? fallback : PriceAt(0);

    /// <summary>How many levels are better than <paramref name="price"/> (0 = best), or -1 when there is no such level.</summary>
    public int DepthOf(long price)
    {
        var index = Array.BinarySearch(_keys, 0, Count, ToKey(price));
        return index >= 0 ? Count - 1 - index : -1;
    }

    /// <summary>True when <paramref name="price"/> ranks behind <paramref name="other"/> on this side (lower bid, higher ask).</summary>
    public bool IsWorse(long price, long other) => ToKey(price) < ToKey(other);

    public long QuantityOf(long price)
    {
        var index = Array.BinarySearch(_keys, 0, Count, ToKey(price));
        return index >= 0 ? _quantities[index] : 0;
    }

    /// <summary>Sets the absolute quantity at a price (0 removes the level) and returns the previous quantity.</summary>
    public long Set(long price, long quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var key = ToKey(price);
        var index = Array.BinarySearch(_keys, 0, Count, key);
        if (index >= 0)
        {
            var previous = _quantities[index];
            if (quantity == 0)
            {
                Array.Copy(_keys, index + 1, _keys, index, Count - index - 1);
                Array.Copy(_quantities, index + 1, _quantities, index, Count - index - 1);
                Count--;
            }
            else
            {
                _quantities[index] = quantity;
            }
            return previous;
        }
        if (quantity != 0)
        {
            Insert(~index, key, quantity);
            AssertInvariantsAround(~index);
        }
        return 0;
    }

    public PriceLadder Clone()
    {
        var copy = new PriceLadder(IsBid, Math.Max(Count, 16));
        Array.Copy(_keys, copy._keys, Count);
        Array.Copy(_quantities, copy._quantities, Count);
        copy.Count = Count;
        return copy;
    }

    private void Insert(int index, long key, long quantity)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _quantities, _quantities.Length * 2);
        }
        Array.Copy(_keys, index, _keys, index + 1, Count - index);
        Array.Copy(_quantities, index, _quantities, index + 1, Count - index);
        _keys[index] = key;
        _quantities[index] = quantity;
        Count++;
    }

    private long ToKey(long price) => IsBid ? price : -price;

    private long ToPrice(long key) => IsBid ? key : -key;

    [Conditional("DEBUG")]
    private void AssertInvariantsAround(int index)
    {
        Debug.Assert(_quantities[index] > 0, "A level in the book must have a positive quantity.");
        Debug.Assert(index == 0 || _keys[index - 1] < _keys[index], "Levels must stay sorted with the best level last.");
        Debug.Assert(index == Count - 1 || _keys[index] < _keys[index + 1], "Levels must stay sorted with the best level last.");
    }
}
