using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// Books without exchange sequences (docs/replication.md, "Books without sequences"): the symbol follows one
/// replica; only that replica's complete snapshots replace the merged book, and a replica's book counts only
/// when the reader saw the snapshot from its first chunk.
/// </summary>
public sealed class FollowedBookTests
{
    private static readonly PriceLevel[] Bids = [new(100, 10)];
    private static readonly PriceLevel[] Asks = [new(101, 10)];

    /// <summary>30 levels a side: a snapshot of five ring records (12 levels a record in a 256-byte slot).</summary>
    private static readonly (PriceLevel[] Bids, PriceLevel[] Asks) Deep =
        ([.. Enumerable.Range(1, 30).Select(i => new PriceLevel(100 - i, i))], [.. Enumerable.Range(1, 30).Select(i => new PriceLevel(100 + i, i))]);

    [Fact]
    public void ShouldReplaceTheMergedBookWithTheLeadersMultiChunkSnapshotOnlyOnceItsLastChunkArrives()
    {
        using var set = FollowingA();
        _ = set.Writer("a").PublishBookSnapshot(0, 2, 0, Deep.Bids, Deep.Asks);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 0L)], set.Events.Skip(before));
        Assert.Equal(Deep.Bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal(Deep.Asks, ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    [Fact]
    public void ShouldDeliverNothingFromAReplicaTheSymbolDoesNotFollow()
    {
        using var set = FollowingA();
        _ = set.Writer("b").PublishBookSnapshot(0, 2, 0, Deep.Bids, Deep.Asks);
        _ = set.Writer("b").PublishBookDelta(0, 3, 0, [new PriceLevel(100, 3)], default, RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal("a", set.Reader!.Leader(0)!.Name);
        Assert.Equal(Bids, ReplicaSet.Top(set.Reader.Book(0), BookSide.Bid));
        Assert.Equal(Asks, ReplicaSet.Top(set.Reader.Book(0), BookSide.Ask));
    }

    [Fact]
    public void ShouldIgnoreABookResetFromAReplicaTheSymbolDoesNotFollowAfterDeliveringTheLeadersUpdates()
    {
        using var set = FollowingA();
        _ = set.Writer("a").PublishBookDelta(0, 2, 0, [new PriceLevel(100, 2)], [new PriceLevel(102, 2)], RecordFlags.BatchEnd);
        _ = set.Drain();
        _ = set.Writer("b").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("a", 0L), (set.Reader!.Leader(0)!.Name, set.Reader.Failovers));
        Assert.Equal([new PriceLevel(100, 2)], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal([.. Asks, new PriceLevel(102, 2)], ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
        Assert.Equal(ReplicaSet.Top(set.Reader.Book(0), BookSide.Ask), ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    [Fact]
    public void ShouldNotFailOverToAReplicaThatResetItsBookSinceItsLastSnapshot()
    {
        using var set = FollowingA();
        _ = set.Writer("b").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookReset, 0, 0L)], set.Events.Skip(before));
        Assert.Equal(((Replica?)null, false), (set.Reader!.Leader(0), set.Reader.IsValid(0)));
        Assert.True(set.Consumed[0].IsEmpty);
    }

    [Fact]
    public void ShouldNotFailOverToAReplicaHalfWayThroughAMultiRecordUpdateButTakeItsBookOnceTheUpdateIsWhole()
    {
        using var set = FollowingA();
        _ = set.Writer("b").PublishBookDelta(0, 2, 0, Deep.Bids.AsSpan(0, 12), default, RecordFlags.None);
        _ = set.Drain();
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookReset, 0, 0L)], set.Events.Skip(before));

        _ = set.Writer("b").PublishBookDelta(0, 2, 0, Deep.Bids.AsSpan(12), default, RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookReset, 0, 0L), (MergedEventKind.BookSnapshot, 0, 0L)], set.Events.Skip(before));
        Assert.Equal("b", set.Reader!.Leader(0)!.Name);
        Assert.Equal([.. Bids, .. Deep.Bids], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldReplaceTheWholeMergedBookWhenTheLeaderPublishesANewSnapshot()
    {
        using var set = FollowingA();
        _ = set.Writer("a").PublishBookSnapshot(0, 2, 0, [new PriceLevel(99, 2)], [new PriceLevel(102, 2)]);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 0L)], set.Events.Skip(before));
        Assert.Equal([new PriceLevel(99, 2)], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal([new PriceLevel(102, 2)], ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    [Fact]
    public void ShouldLeaveTheSymbolWithItsLeaderWhenAnotherReplicaGoesStale()
    {
        using var set = FollowingA();
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer("a").PublishHeartbeat(0);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.True(set.Reader!.Replicas.Single(r => r.Name == "b").IsStale);
        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("a", 0L), (set.Reader.Leader(0)!.Name, set.Reader.Failovers));
    }

    [Fact]
    public void ShouldTakeNoBookFromASnapshotWhoseFirstChunksTheRingOverwroteBeforeTheReaderOpenedIt()
    {
        using var set = new ReplicaSet();
        var writer = set.Writer("a");
        _ = writer.PublishBookSnapshot(0, 1, 0, Deep.Bids, Deep.Asks);
        for (var i = 0; i < 1021; i++)
        {
            _ = writer.PublishHeartbeat(i);
        }

        // The 1024-slot ring now starts at the snapshot's third chunk (of five): the book it ends is incomplete.
        var reader = set.Open();
        _ = writer.PublishBookDelta(0, 2, 0, [new PriceLevel(100, 2)], default, RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Empty(set.Events);
        Assert.Equal((false, (Replica?)null), (reader.IsValid(0), reader.Leader(0)));

        _ = writer.PublishBookSnapshot(0, 3, 0, Bids, Asks);
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 0L)], set.Events);
        Assert.Equal(Bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal(Asks, ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    /// <summary>Replica a (read first, so followed) and b, both with the same one-level book; every event drained.</summary>
    private static ReplicaSet FollowingA()
    {
        var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Drain();
        return set;
    }
}
