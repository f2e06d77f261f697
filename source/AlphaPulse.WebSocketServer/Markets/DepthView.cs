using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// The top <see cref="Depth"/> levels of a book as last sent to subscribers, and the diff to the
/// book's current top: levels that changed, appeared, or left the top (sent with size 0). Because a
/// delta is always "published top → current top", a subscriber's book equals <see cref="Bids"/> and
/// <see cref="Asks"/> after every message, whatever happened in between (ring loss, resync).
/// Hub thread only; allocation-free after construction.
/// </summary>
internal sealed class DepthView
{
    private PriceLevel[] _bids;
    private PriceLevel[] _asks;
    private PriceLevel[] _nextBids;
    private PriceLevel[] _nextAsks;
    private readonly PriceLevel[] _changedBids;
    private readonly PriceLevel[] _changedAsks;
    private readonly OutboundMessage?[] _snapshots = new OutboundMessage?[2];
    private readonly long[] _snapshotKeys = [-1, -1];

    public DepthView(int depth, MarketStream stream)
    {
        Depth = depth;
        Stream = stream;
        _bids = new PriceLevel[depth];
        _asks = new PriceLevel[depth];
        _nextBids = new PriceLevel[depth];
        _nextAsks = new PriceLevel[depth];
        _changedBids = new PriceLevel[2 * depth];
        _changedAsks = new PriceLevel[2 * depth];
    }

    public int Depth { get; }

    public MarketStream Stream { get; }

    public ReadOnlySpan<PriceLevel> Bids => _bids.AsSpan(0, BidCount);

    public ReadOnlySpan<PriceLevel> Asks => _asks.AsSpan(0, AskCount);

    public int BidCount { get; private set; }

    public int AskCount { get; private set; }

    public ReadOnlySpan<PriceLevel> ChangedBids => _changedBids.AsSpan(0, ChangedBidCount);

    public ReadOnlySpan<PriceLevel> ChangedAsks => _changedAsks.AsSpan(0, ChangedAskCount);

    private int ChangedBidCount { get; set; }

    private int ChangedAskCount { get; set; }

    /// <summary>Takes the book's top as the published state without a diff (a view with no subscribers went stale).</summary>
    public void Reset(OrderBook book)
    {
        BidCount = book.CopyTop(BookSide.Bid, _bids);
        AskCount = book.CopyTop(BookSide.Ask, _asks);
        _snapshotKeys[0] = _snapshotKeys[1] = -1;
    }

    /// <summary>
    /// The published state as a snapshot message at the stream's current sequence, encoded once and
    /// shared by every subscriber that asks before the next delta (10,000 clients subscribing at
    /// once cost one encoding). The view keeps the reference; callers only enqueue it.
    /// </summary>
    public OutboundMessage Snapshot(WireEncoding encoding, MarketEncoder encoder, bool synced)
    {
        var slot = (int)encoding;
        var key = (Stream.Sequence << 1) | (synced ? 1L : 0L);
        // Keys start at -1, which no sequence makes: the first call always encodes.
        if (_snapshotKeys[slot] != key)
        {
            _snapshots[slot]?.Release();
            _snapshots[slot] = encoder.Book(Stream, snapshot: true, Bids, Asks, synced, publishTime: 0, encoding);
            _snapshotKeys[slot] = key;
        }

        return _snapshots[slot]!;
    }

    /// <summary>Diffs the book's current top against the published one and makes it the published one; false when nothing changed.</summary>
    public bool Advance(OrderBook book)
    {
        var nextBidCount = book.CopyTop(BookSide.Bid, _nextBids);
        var nextAskCount = book.CopyTop(BookSide.Ask, _nextAsks);
        ChangedBidCount = Diff(Bids, _nextBids.AsSpan(0, nextBidCount), _changedBids, bestIsHighest: true);
        ChangedAskCount = Diff(Asks, _nextAsks.AsSpan(0, nextAskCount), _changedAsks, bestIsHighest: false);
        (_bids, _nextBids) = (_nextBids, _bids);
        (_asks, _nextAsks) = (_nextAsks, _asks);
        BidCount = nextBidCount;
        AskCount = nextAskCount;
        return ChangedBidCount + ChangedAskCount > 0;
    }

    /// <summary>Merges two best-first sides: a level only in <paramref name="before"/> left (size 0), one only in <paramref name="after"/> or with a new size is sent as it is now.</summary>
    private static int Diff(ReadOnlySpan<PriceLevel> before, ReadOnlySpan<PriceLevel> after, Span<PriceLevel> changes, bool bestIsHighest)
    {
        int i = 0, j = 0, n = 0;
        while (i < before.Length || j < after.Length)
        {
            if (j == after.Length || (i < before.Length && IsBetter(before[i].Price, after[j].Price, bestIsHighest)))
            {
                changes[n++] = new PriceLevel(before[i++].Price, 0);
            }
            else if (i == before.Length || IsBetter(after[j].Price, before[i].Price, bestIsHighest))
            {
                changes[n++] = after[j++];
            }
            else
            {
                if (before[i].Size != after[j].Size)
                {
                    changes[n++] = after[j];
                }

                i++;
                j++;
            }
        }

        return n;
    }

    private static bool IsBetter(long price, long than, bool bestIsHighest) => bestIsHighest ? price > than : price < than;
}
