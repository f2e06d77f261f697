using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// Which replica a sequenced symbol fails over to when its leader resets (docs/replication.md, "Failover"): among
/// the replicas holding a complete book and not stale, the one furthest ahead, the first discovered on a tie; none
/// of them — the merged book is reset, and no failover is counted. A new leader already at the merged sequence
/// changes nothing a consumer sees.
/// </summary>
public sealed class FailoverChoiceTests
{
    private static readonly PriceLevel[] Bids = [new(100, 10)];
    private static readonly PriceLevel[] Asks = [new(101, 10)];

    [Fact]
    public void ShouldKeepTheLeaderWhenAnotherReplicaDeliversAnUpdateFirst()
    {
        using var set = ThreeAt10();
        _ = set.Writer("c").PublishBookDelta(0, 11, 11, [new PriceLevel(100, 11)], [new PriceLevel(101, 11)], RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookDelta, 0, 11L)], set.Events.Skip(before));
        Assert.Equal(("a", 11L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0)));
        Assert.Equal([new PriceLevel(101, 11)], ReplicaSet.Top(set.Reader.Book(0), BookSide.Ask));
        Assert.Equal(ReplicaSet.Top(set.Reader.Book(0), BookSide.Ask), ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    [Fact]
    public void ShouldFailOverToTheCompleteReplicaFurthestAheadAndDeliverNothingWhenItHoldsTheMergedSequence()
    {
        using var set = ThreeAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, [new PriceLevel(100, 11)], [new PriceLevel(101, 11)], RecordFlags.BatchEnd);
        _ = set.Writer("c").PublishBookDelta(0, 11, 11, [new PriceLevel(100, 11)], [new PriceLevel(101, 11)], RecordFlags.BatchEnd);
        _ = set.Drain();

        // b never saw 11: c, at the merged 11, takes over; the merged book is already c's, so nothing is delivered.
        var before = set.Events.Count;
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("c", 11L, true, 1L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0), set.Reader.IsValid(0), set.Reader.Failovers));
        Assert.Equal([new PriceLevel(100, 11)], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal([new PriceLevel(101, 11)], ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    [Fact]
    public void ShouldFailOverToTheFirstDiscoveredOfEquallyCompleteReplicas()
    {
        using var set = ThreeAt10();
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Equal(("b", 1L), (set.Reader!.Leader(0)!.Name, set.Reader.Failovers));

        // a is back with the same book; when b resets, a (discovered before c) takes over.
        _ = set.Writer("a").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Drain();
        var before = set.Events.Count;
        _ = set.Writer("b").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("a", 10L, true, 2L), (set.Reader.Leader(0)!.Name, set.Reader.Sequence(0), set.Reader.IsValid(0), set.Reader.Failovers));
        Assert.Equal((2L, 0L), (Replica(set, "a").Failovers + Replica(set, "b").Failovers, Replica(set, "c").Failovers));
        Assert.Equal(Bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldResetTheMergedBookRatherThanFailOverToAStaleReplicaAndCountNoFailover()
    {
        using var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();
        _ = set.Writer("b").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Drain();

        // b publishes nothing for longer than StaleAfter (3 s) while a keeps publishing.
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer("a").PublishHeartbeat(0);
        _ = set.Drain();
        Assert.True(Replica(set, "b").IsStale);

        var before = set.Events.Count;
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookReset, 0, 0L)], set.Events.Skip(before));
        Assert.Equal(((Replica?)null, false, 0L), (set.Reader!.Leader(0), set.Reader.IsValid(0), set.Reader.Failovers));
        Assert.True(set.Consumed[0].IsEmpty);
    }

    [Fact]
    public void ShouldDeliverNothingWhenAStaleLeadersSymbolMovesToAReplicaAtTheMergedSequence()
    {
        using var set = ThreeAt10();
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer("b").PublishHeartbeat(0);
        _ = set.Writer("c").PublishHeartbeat(0);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.True(Replica(set, "a").IsStale);
        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("b", 10L, 1L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0), set.Reader.Failovers));
    }

    [Fact]
    public void ShouldDeliverAFailoverFromAStaleLeaderAsOneWholeSnapshotEvent()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open();
        _ = set.Drain();
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, [new PriceLevel(99, 1)], Asks);
        _ = set.Drain();

        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer("b").PublishHeartbeat(0);
        set.Advance(TimeSpan.FromMilliseconds(10));
        var events = new List<(MergedEventKind Kind, string Replica, bool IsBatchEnd)>();
        while (reader.TryRead(out var e))
        {
            events.Add((e.Kind, reader.Replicas[e.Replica].Name, e.IsBatchEnd));
        }

        Assert.Equal([(MergedEventKind.BookSnapshot, "b", true)], events);
        Assert.Equal([new PriceLevel(99, 1)], ReplicaSet.Top(reader.Book(0), BookSide.Bid));
    }

    private static Replica Replica(ReplicaSet set, string name) => set.Reader!.Replicas.Single(r => r.Name == name);

    /// <summary>Replicas a, b, c discovered in that order, each with the snapshot at sequence 10; a (read first) leads.</summary>
    private static ReplicaSet ThreeAt10()
    {
        var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();
        foreach (var replica in (string[])["b", "c"])
        {
            _ = set.Writer(replica).PublishBookSnapshot(0, 10, 10, Bids, Asks);
            _ = set.Drain();
        }
        Assert.Equal(["a", "b", "c"], set.Reader!.Replicas.Select(r => r.Name));
        Assert.Equal("a", set.Reader.Leader(0)!.Name);
        return set;
    }
}
