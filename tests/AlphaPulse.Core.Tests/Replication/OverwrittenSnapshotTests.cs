using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// A sequenced replica discovered after its ring overwrote the first chunks of its snapshot (docs/replication.md,
/// "Books with exchange sequences"): its book is incomplete, so none of its records reach the merged book and it
/// leads nothing until it publishes a whole snapshot.
/// </summary>
public sealed class OverwrittenSnapshotTests
{
    private static readonly PriceLevel[] Bids = [new(100, 10)];
    private static readonly PriceLevel[] Asks = [new(101, 10)];

    /// <summary>30 levels a side: a snapshot of five ring records (12 levels a record in a 256-byte slot).</summary>
    private static readonly (PriceLevel[] Bids, PriceLevel[] Asks) Deep =
        ([.. Enumerable.Range(1, 30).Select(i => new PriceLevel(100 - i, i))], [.. Enumerable.Range(1, 30).Select(i => new PriceLevel(100 + i, i))]);

    [Fact]
    public void ShouldTakeNothingFromAReplicaWhoseSnapshotTheRingOverwroteEvenWhenItIsAhead()
    {
        using var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 1, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();

        PublishOverwrittenSnapshot(set.Writer("b"), 5);
        _ = set.Writer("b").PublishBookDelta(0, 6, 6, [new PriceLevel(100, 6)], default, RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(("a", 1L, true), (set.Reader!.Leader(0)!.Name, set.Reader.Sequence(0), set.Reader.IsValid(0)));
        Assert.Equal(Bids, ReplicaSet.Top(set.Consumed[0], BookSide.Bid));

        _ = set.Writer("b").PublishBookSnapshot(0, 7, 7, [new PriceLevel(100, 7)], Asks);
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 7L)], set.Events.Skip(before));
        Assert.Equal(("b", 7L), (set.Reader.Leader(0)!.Name, set.Reader.Sequence(0)));
        Assert.Equal([new PriceLevel(100, 7)], ReplicaSet.Top(set.Consumed[0], BookSide.Bid));
    }

    [Fact]
    public void ShouldNameNoLeaderWhileTheOnlyReplicaWithRecordsHasNoCompleteBook()
    {
        using var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 1, Bids, Asks);
        _ = set.Open();
        _ = set.Drain();
        _ = set.Writer("a").PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Null(set.Reader!.Leader(0));

        PublishOverwrittenSnapshot(set.Writer("b"), 5);
        var before = set.Events.Count;
        _ = set.Drain();

        Assert.Empty(set.Events.Skip(before));
        Assert.Equal(((Replica?)null, false), (set.Reader.Leader(0), set.Reader.IsValid(0)));

        // b going stale leads nothing away: the book consumers hold is already empty, so no second reset.
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Drain();
        Assert.True(set.Reader.Replicas[1].IsStale);
        Assert.Empty(set.Events.Skip(before));

        _ = set.Writer("b").PublishBookSnapshot(0, 7, 7, Bids, Asks);
        _ = set.Drain();
        Assert.Equal([(MergedEventKind.BookSnapshot, 0, 7L)], set.Events.Skip(before));
        Assert.Equal(("b", true), (set.Reader.Leader(0)!.Name, set.Reader.IsValid(0)));
    }

    /// <summary>A five-record snapshot then 1,021 heartbeats: the 1,024-slot ring now starts at the snapshot's third record.</summary>
    private static void PublishOverwrittenSnapshot(RingWriter writer, long sequence)
    {
        _ = writer.PublishBookSnapshot(0, sequence, sequence, Deep.Bids, Deep.Asks);
        for (var i = 0; i < 1021; i++)
        {
            _ = writer.PublishHeartbeat(i);
        }
    }
}
