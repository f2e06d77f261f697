using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// Sequenced books (docs/replication.md, "Books with exchange sequences") when one exchange message spans several
/// ring records: it is delivered once, from the replica that started it; a replica that fails half-way through
/// hands the symbol to one that completed it, or the merged book is reset; a replica whose update does not
/// continue the merged book is adopted whole once its message is.
/// </summary>
public sealed class SequencedUpdateTests
{
    private static readonly PriceLevel[] Bids = [new(100, 10)];
    private static readonly PriceLevel[] Asks = [new(101, 10)];

    /// <summary>30 bid levels below 100: three ring records of one delta (12 levels a record in a 256-byte slot).</summary>
    private static readonly PriceLevel[] Deep = [.. Enumerable.Range(1, 30).Select(i => new PriceLevel(100 - i, i))];

    [Fact]
    public void ShouldDeliverAMultiRecordUpdateOnceFromTheReplicaThatStartedItWhileTheOthersCopyInterleaves()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        _ = set.Writer("b").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([.. Enumerable.Repeat((MergedEventKind.BookDelta, 0, 11L), 3)], set.Events.Skip(before));
        Assert.Equal((11L, 3L, "a"), (set.Reader!.Sequence(0), set.Reader.DuplicatesDropped, set.Reader.Leader(0)!.Name));
        Assert.Equal([Bids[0], .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal(ReplicaSet.Top(set.Reader.Book(0), BookSide.Bid), ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldAdoptTheReplicaThatCompletedAnUpdateWhenTheOneHalfWayThroughItRestarts()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep.AsSpan(0, 12), default, RecordFlags.None);
        _ = set.Drain();
        _ = set.Writer("b").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Equal([Bids[0], .. Deep[..12]], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));

        set.Stop("a");
        _ = set.Writer("a").PublishHeartbeat(0);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 11L)], set.Events.Skip(before));
        Assert.Equal(("b", 11L, 1L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0), set.Reader.Failovers));
        Assert.Equal([Bids[0], .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldResetTheMergedBookWhenTheReplicaHalfWayThroughAnUpdateResetsAndNoOtherCompletedItThenFollowTheFirstThatDoes()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep.AsSpan(0, 12), default, RecordFlags.None);
        _ = set.Drain();

        // b is still at 10: adopting its book would go back behind levels already delivered from 11.
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookReset, 0, 0L)], set.Events.Skip(before));
        Assert.Equal((false, (Replica?)null), (set.Reader!.IsValid(0), set.Reader.Leader(0)));
        Assert.True(set.Consumed[0].IsEmpty);

        _ = set.Writer("b").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        before = set.Events.Count;
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 11L)], set.Events.Skip(before));
        Assert.Equal(("b", true), (set.Reader.Leader(0)!.Name, set.Reader.IsValid(0)));
        Assert.Equal([Bids[0], .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldAdoptAnotherReplicasSnapshotAtTheMergedSequenceWhileAnUpdateIsHalfApplied()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep.AsSpan(0, 12), default, RecordFlags.None);
        _ = set.Drain();

        _ = set.Writer("b").PublishBookSnapshot(0, 11, 11, [new PriceLevel(95, 3)], Asks);
        _ = set.Drain();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep.AsSpan(12), default, RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal(("b", 11L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0)));
        Assert.Equal([new PriceLevel(95, 3)], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal(ReplicaSet.Top(set.Reader.Book(0), BookSide.Bid), ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldAdoptAReplicasBookOnceTheWholeUpdateThatSkipsAheadOfTheMergedBookHasArrived()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, [new PriceLevel(100, 11)], default, RecordFlags.BatchEnd);
        _ = set.Drain();

        // b missed 11 (it resynchronised): its 14 does not continue the merged 11, so b's whole book is taken.
        var before = set.Events.Count;
        _ = set.Writer("b").PublishBookDelta(0, 14, 14, Deep, default, RecordFlags.BatchEnd);
        _ = set.Drain();
        _ = set.Writer("a").PublishBookDelta(0, 12, 12, [new PriceLevel(100, 12)], default, RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 14L)], set.Events.Skip(before));
        Assert.Equal(("b", 14L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0)));
        Assert.Equal([Bids[0], .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldDeliverTheUpdateAfterAMultiRecordOneAsADeltaToo()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        _ = set.Writer("a").PublishBookDelta(0, 12, 12, [new PriceLevel(100, 12)], default, RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([.. Enumerable.Repeat((MergedEventKind.BookDelta, 0, 11L), 3), (MergedEventKind.BookDelta, 0, 12L)], set.Events.Skip(before));
        Assert.Equal([new PriceLevel(100, 12), .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldAdoptTheWholeBookOfAReplicaThatMovesOnWhileTheFirstReplicaIsHalfWayThroughAnUpdate()
    {
        using var set = StartedAt10();
        _ = set.Writer("a").PublishBookDelta(0, 11, 11, Deep.AsSpan(0, 12), default, RecordFlags.None);
        _ = set.Drain();
        _ = set.Writer("b").PublishBookDelta(0, 11, 11, Deep, default, RecordFlags.BatchEnd);
        _ = set.Drain();

        // b's 12 follows the whole of 11, the merged book holds only a's first part of it: b's book is taken whole.
        var before = set.Events.Count;
        _ = set.Writer("b").PublishBookDelta(0, 12, 12, [new PriceLevel(100, 12)], default, RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 12L)], set.Events.Skip(before));
        Assert.Equal(("b", 12L), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0)));
        Assert.Equal([new PriceLevel(100, 12), .. Deep], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldIgnoreABookResetFromAReplicaTheSymbolDoesNotFollow()
    {
        using var set = StartedAt10();
        _ = set.Writer("b").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("a", true, 0L), (set.Reader!.Leader(0)!.Name, set.Reader.IsValid(0), set.Reader.Failovers));
        Assert.Equal(Bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldReplaceTheMergedBookOnlyWhenTheLastChunkOfANewerSnapshotArrives()
    {
        using var set = StartedAt10();
        var (bids, asks) = (Deep, Deep.Select(level => new PriceLevel(200 - level.Price, level.Size)).ToArray());
        _ = set.Writer("a").PublishBookSnapshot(0, 20, 20, bids, asks);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 20L)], set.Events.Skip(before));
        Assert.Equal(bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
        Assert.Equal(asks, ReplicaSet.Top(set.Consumed[0], BookSide.Ask));
    }

    /// <summary>Replica a (read first, so followed) and b, both with the snapshot at sequence 10; every event drained.</summary>
    private static ReplicaSet StartedAt10()
    {
        var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();
        _ = set.Writer("b").PublishBookSnapshot(0, 10, 10, Bids, Asks);
        _ = set.Drain();
        return set;
    }
}
