namespace AlphaPulse.Simulator.Market;

/// <summary>
/// A bounded undo log: for each of the most recent update ids, which level changed and what its quantity
/// was before. Update ids are contiguous, so the slot is simply <c>id % capacity</c>. Walking it backwards
/// from the live book yields the exact book at any retained id (the truth endpoint's <c>?at=</c>).
/// Single-threaded: used under the owning model's lock.
/// </summary>
internal sealed class ChangeHistory
{
    // Price is stored signed: positive for a bid level, negative for an ask level (prices are never 0).
    private readonly long[] _signedPrices;
    private readonly long[] _previousQuantities;

    public ChangeHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _signedPrices = new long[capacity];
        _previousQuantities = new long[capacity];
    }

    public int Capacity => _signedPrices.Length;

    public void Record(long updateId, bool isBid, long price, long previousQuantity)
    {
        var slot = (int)(updateId % Capacity);
        _signedPrices[slot] = isBid ? price : -price;
        _previousQuantities[slot] = previousQuantity;
    }

    /// <summary>Undoes the changes with ids in (<paramref name="target"/>, <paramref name="latest"/>] on a copy of the book.</summary>
    public void CopyRange(long target, long latest, long[] signedPrices, long[] previousQuantities)
    {
        for (long id = latest, i = 0; id > target; id--, i++)
        {
            var slot = (int)(id % Capacity);
            signedPrices[i] = _signedPrices[slot];
            previousQuantities[i] = _previousQuantities[slot];
        }
    }

    /// <summary>Applies an undo range copied by <see cref="CopyRange"/> (newest first) to a detached book.</summary>
    public static void Undo(PriceLadder bids, PriceLadder asks, ReadOnlySpan<long> signedPrices, ReadOnlySpan<long> previousQuantities)
    {
        for (var i = 0; i < signedPrices.Length; i++)
        {
            var signed = signedPrices[i];
            if (signed > 0)
            {
                bids.Set(signed, previousQuantities[i]);
            }
            else
            {
                asks.Set(-signed, previousQuantities[i]);
            }
        }
    }
}
