using AlphaPulse.Core.Checksums;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// One Kraken book subscription as the client sees it: the top <see cref="Depth"/> levels of the
/// simulator's book. Kraken's "Book checksum (WebSocket v2)" guide tells clients to truncate their book to
/// the subscribed depth after every message, because levels pushed out of scope get no <c>qty: 0</c>; so an
/// update carries the changed levels inside the window, removals of levels that were inside it, and the
/// levels that slide into the window from below when levels inside it go — never the ones pushed out.
/// Keeps a full copy of the book (it must know which level slides in) and computes the checksum of the top
/// 10 after every update. Threading: the connection's send loop only.
/// </summary>
internal sealed class KrakenBookView
{
    private readonly PriceLadder _bids;
    private readonly PriceLadder _asks;
    private readonly KrakenChecksum _checksum = new();

    public KrakenBookView(BookCapture snapshot, int depth)
    {
        Instrument = snapshot.Instrument;
        Depth = depth;
        _bids = snapshot.Bids.Clone();
        _asks = snapshot.Asks.Clone();
        Sequence = snapshot.Sequence;
        LastUpdateId = snapshot.LastUpdateId;
        Checksum = ComputeChecksum();
    }

    public Instrument Instrument { get; }

    public int Depth { get; }

    /// <summary>The model's update id the view has reached (the simulator's <c>at</c> for this book).</summary>
    public long LastUpdateId { get; private set; }

    /// <summary>CRC-32 of the current top 10, as Kraken sends it in <c>checksum</c>.</summary>
    public uint Checksum { get; private set; }

    /// <summary>Bid levels of the update just applied, in the order to send them.</summary>
    public List<LevelChange> BidChanges { get; } = new(8);

    /// <summary>Ask levels of the update just applied, in the order to send them.</summary>
    public List<LevelChange> AskChanges { get; } = new(8);

    private long Sequence { get; set; }

    /// <summary>Applies one model update; true when the client must be told (something inside the window changed).</summary>
    public bool Apply(BookUpdate update)
    {
        if (update.Sequence <= Sequence)
        {
            // Already part of the snapshot this view started from.
            return false;
        }
        Sequence = update.Sequence;
        LastUpdateId = update.LastUpdateId;
        BidChanges.Clear();
        AskChanges.Clear();
        ApplySide(_bids, update.Bids, BidChanges);
        ApplySide(_asks, update.Asks, AskChanges);
        if (BidChanges.Count + AskChanges.Count == 0)
        {
            return false;
        }
        Checksum = ComputeChecksum();
        return true;
    }

    /// <summary>The view's full copy of one side (a snapshot writes its top <see cref="Depth"/> levels).</summary>
    public PriceLadder Side(bool bids) => bids ? _bids : _asks;

    private void ApplySide(PriceLadder side, LevelChange[] changes, List<LevelChange> output)
    {
        if (changes.Length == 0)
        {
            return;
        }
        // The window's last price before the update: anything that ends up inside the window from beyond
        // it, without having changed, has slid in and must be sent.
        var full = side.Count >= Depth;
        var edge = full ? side.PriceAt(Depth - 1) : 0;
        Span<bool> wasInside = stackalloc bool[changes.Length];
        for (var i = 0; i < changes.Length; i++)
        {
            wasInside[i] = side.DepthOf(changes[i].PriceTicks) is >= 0 and var d && d < Depth;
        }
        foreach (var change in changes)
        {
            side.Set(change.PriceTicks, change.QuantityLots);
        }
        for (var i = 0; i < changes.Length; i++)
        {
            var change = changes[i];
            var isInside = side.DepthOf(change.PriceTicks) is >= 0 and var d && d < Depth;
            if (isInside || (wasInside[i] && change.QuantityLots == 0))
            {
                output.Add(change);
            }
        }
        if (!full)
        {
            return;
        }
        for (var level = Math.Min(Depth, side.Count) - 1; level >= 0; level--)
        {
            var price = side.PriceAt(level);
            if (!side.IsWorse(price, edge))
            {
                break;
            }
            if (!Changed(changes, price))
            {
                output.Add(new LevelChange(price, side.QuantityAt(level)));
            }
        }
    }

    private uint ComputeChecksum()
    {
        Span<byte> price = stackalloc byte[32];
        Span<byte> quantity = stackalloc byte[32];
        foreach (var side in (ReadOnlySpan<PriceLadder>)[_asks, _bids])
        {
            for (int level = 0, n = Math.Min(KrakenChecksum.Levels, side.Count); level < n; level++)
            {
                // The same text the frames carry, so the checksum is computed exactly as a client computes it.
                var p = DecimalText.Write(price, Instrument.PriceE8(side.PriceAt(level)), Instrument.PriceDecimals);
                var q = DecimalText.Write(quantity, Instrument.QuantityE8(side.QuantityAt(level)), Instrument.QuantityDecimals);
                _checksum.AppendLevel(price[..p], quantity[..q]);
            }
        }
        return _checksum.Complete();
    }

    private static bool Changed(LevelChange[] changes, long price)
    {
        foreach (var change in changes)
        {
            if (change.PriceTicks == price)
            {
                return true;
            }
        }
        return false;
    }
}
