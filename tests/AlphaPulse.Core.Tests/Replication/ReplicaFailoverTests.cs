using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// Failover and adoption in the merged reader (docs/replication.md): to a replica's complete multi-chunk book,
/// to a sequenced replica that is behind, never to an older snapshot; and what a reset leaves behind.
/// </summary>
public sealed class ReplicaFailoverTests
{
    [Fact]
    public void ShouldFailOverToTheOtherReplicasWholeMultiChunkBook()
    {
        using var set = new ReplicaSet();
        var (bids, asks) = DeepBook(18, 18);
        foreach (var replica in (string[])["a", "b"])
        {
            _ = set.Writer(replica).PublishBookSnapshot(0, 1, 0, bids, asks);
        }

        var reader = set.Open();
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";

        // Only the other replica sees the deepest ask removed and a new bid: after failover the merged book is its book.
        _ = set.Writer(other).PublishBookDelta(0, 2, 0, [new PriceLevel(1, 7)], [asks[^1] with { Size = 0 }], RecordFlags.BatchEnd);
        _ = set.Drain();
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer(other).PublishHeartbeat(0);
        set.Advance(TimeSpan.FromMilliseconds(10));
        var events = new List<(MergedEventKind Kind, string Replica)>();
        while (reader.TryRead(out var e))
        {
            events.Add((e.Kind, reader.Replicas[e.Replica].Name));
        }

        Assert.Equal([(MergedEventKind.BookSnapshot, other)], events);
        Assert.Equal([.. bids, new PriceLevel(1, 7)], ReplicaSet.Top(reader.Book(0), BookSide.Bid));
        Assert.Equal(asks[..^1], ReplicaSet.Top(reader.Book(0), BookSide.Ask));
    }

    [Fact]
    public void ShouldFollowASequencedReplicaThatIsBehindOnceItCatchesUp()
    {
        using var set = new ReplicaSet("binance");
        foreach (var replica in (string[])["a", "b"])
        {
            _ = set.Writer(replica).PublishBookSnapshot(0, 1, 10, [new PriceLevel(100, 10)], [new PriceLevel(101, 1)]);
        }

        var reader = set.Open();
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";
        PublishDeltas(set.Writer(leader), 11, 15);
        _ = set.Drain();
        PublishDeltas(set.Writer(other), 11, 12);
        _ = set.Drain();

        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer(other).PublishHeartbeat(0);
        var before = set.Events.Count;
        _ = set.Drain();

        // The other replica is behind (12 < 15): followed from now on, but the merged book stays at 15 until it catches up.
        Assert.Equal((other, 15L, 1L), (reader.Leader(0)!.Name, reader.Sequence(0), reader.Failovers));
        Assert.DoesNotContain(set.Events.Skip(before), e => e.Kind == MergedEventKind.BookSnapshot);
        PublishDeltas(set.Writer(other), 13, 16);
        _ = set.Drain();
        Assert.Equal((16L, new PriceLevel(100, 16)), (reader.Sequence(0), reader.Book(0).BestBid));
        Assert.Equal(5, reader.DuplicatesDropped);
        Assert.Equal(ReplicaSet.Top(reader.Book(0), BookSide.Bid), ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldAdoptOnlyASnapshotNewerThanTheMergedBook()
    {
        using var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 15, [new PriceLevel(100, 15)], []);
        var reader = set.Open();
        _ = set.Drain();

        _ = set.Writer("b").PublishBookSnapshot(0, 1, 12, [new PriceLevel(100, 12)], []);
        _ = set.Drain();
        Assert.Equal((15L, new PriceLevel(100, 15), "a"), (reader.Sequence(0), reader.Book(0).BestBid, reader.Leader(0)!.Name));

        _ = set.Writer("b").PublishBookSnapshot(0, 1, 20, [new PriceLevel(100, 20)], []);
        _ = set.Drain();
        Assert.Equal((20L, new PriceLevel(100, 20), "b"), (reader.Sequence(0), reader.Book(0).BestBid, reader.Leader(0)!.Name));
        Assert.Equal(MergedEventKind.BookSnapshot, set.Events[^1].Kind);
    }

    [Fact]
    public void ShouldLeaveAnEmptyBookWithoutLeaderWhenNoReplicaHoldsOne()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], [new PriceLevel(101, 1)]);
        var reader = set.Open();
        _ = set.Drain();
        Assert.Equal("a", reader.Leader(0)!.Name);

        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal((MergedEventKind.BookReset, false, 0L), (set.Events[^1].Kind, reader.IsValid(0), reader.Sequence(0)));
        Assert.True(reader.Book(0).IsEmpty);
        Assert.Null(reader.Leader(0));
    }

    [Fact]
    public void ShouldHaveNoLeaderOrBookBeforeAnyReplicaPublishedOne()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishTrade(new Trade(0, 100, 1, TradeSide.Buy, 1, 1, 1));
        var reader = set.Open();
        _ = set.Drain();

        Assert.Equal((null, false, 0L, -1), (reader.Leader(0), reader.IsValid(0), reader.Sequence(0), reader.SymbolId("ETH-USD")));
        Assert.Equal(0, reader.SymbolId("BTC-USD"));
    }

    [Fact]
    public void ShouldCallAReplicaStaleOnlyOnceMoreThanStaleAfterHasPassedWithoutAPublish()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        var reader = set.Open(staleAfter: TimeSpan.FromSeconds(3));
        Assert.True(reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));

        set.Advance(TimeSpan.FromSeconds(3));
        Assert.False(reader.TryRead(out _));
        Assert.Equal((false, "a"), (reader.Replicas[0].IsStale, reader.Leader(0)?.Name));

        set.Advance(TimeSpan.FromTicks(1));
        Assert.True(reader.TryRead(out var reset));
        Assert.Equal((MergedEventKind.BookReset, true), (reset.Kind, reader.Replicas[0].IsStale));
    }

    private static (PriceLevel[] Bids, PriceLevel[] Asks) DeepBook(int bidCount, int askCount) =>
        (Enumerable.Range(1, bidCount).Select(i => new PriceLevel(1000 - i, i)).ToArray(),
         Enumerable.Range(1, askCount).Select(i => new PriceLevel(1000 + i, i)).ToArray());

    /// <summary>Deltas <paramref name="from"/>…<paramref name="to"/>: each sets the best bid's size to its number.</summary>
    private static void PublishDeltas(RingWriter writer, long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            _ = writer.PublishBookDelta(0, i, i, [new PriceLevel(100, i)], default, RecordFlags.BatchEnd);
        }
    }
}
