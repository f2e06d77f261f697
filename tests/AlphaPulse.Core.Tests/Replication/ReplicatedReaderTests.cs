using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>The merged reader over in-process replica rings: arbitration, deduplication, failover, discovery, restarts, allocation.</summary>
public sealed class ReplicatedReaderTests
{
    private static readonly PriceLevel[] Bids = [new(100, 5), new(99, 5)];
    private static readonly PriceLevel[] Asks = [new(101, 5), new(102, 5)];

    [Fact]
    public void ShouldTakeEachSequencedUpdateFromWhicheverReplicaHasItFirstAndDropTheCopy()
    {
        using var set = new ReplicaSet("binance");
        foreach (var replica in (string[])["a", "b"])
        {
            _ = set.Writer(replica).PublishBookSnapshot(0, 1, 10, Bids, Asks);
        }
        var reader = set.Open();
        PublishDeltas(set.Writer("a"), 11, 15);
        _ = set.Drain();
        PublishDeltas(set.Writer("b"), 11, 20);
        _ = set.Drain();
        PublishDeltas(set.Writer("a"), 16, 20);
        _ = set.Drain();

        var deltas = set.Events.Where(e => e.Kind == MergedEventKind.BookDelta).Select(e => e.Sequence).ToArray();
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), deltas);
        Assert.Equal(20, reader.Sequence(0));
        Assert.True(reader.DuplicatesDropped >= 10);
        Assert.Equal(Top(reader.Book(0)), Top(set.Consumed[0]));
        Assert.Equal(new PriceLevel(100, 20), reader.Book(0).BestBid);
    }

    [Fact]
    public void ShouldListMergedSymbolsWithTheirScalesAndStampEventsWithTheRecordsPublishTime()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a");
        _ = set.Writer("b");
        var reader = set.Open();
        var before = MonotonicClock.NowNanoseconds();
        _ = set.Writer("b").PublishTrade(TradeWith(7));
        var after = MonotonicClock.NowNanoseconds();

        Assert.True(reader.TryRead(out var merged));
        Assert.Equal([new Instrument(0, "BTC-USD", 2, 8)], reader.Instruments);
        Assert.Equal(MergedEventKind.Trade, merged.Kind);
        Assert.InRange(merged.PublishTime, before, after);
    }

    [Fact]
    public void ShouldDeliverEveryTradeOnceIncludingOneOnlyTheOtherReplicaSaw()
    {
        using var set = new ReplicaSet();
        _ = set.Open();
        foreach (var id in (ulong[])[1, 2, 4])
        {
            _ = set.Writer("a").PublishTrade(TradeWith(id));
        }
        _ = set.Drain();
        for (ulong id = 1; id <= 5; id++)
        {
            _ = set.Writer("b").PublishTrade(TradeWith(id));
        }
        _ = set.Drain();

        Assert.Equal([1UL, 2, 4, 3, 5], set.Trades.Select(t => t.TradeId));
        Assert.Equal(3, set.Reader!.DuplicatesDropped);
    }

    [Fact]
    public void ShouldFollowOneReplicaAndFailOverToAnotherWhenItGoesStale()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open(staleAfter: TimeSpan.FromSeconds(3));
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";

        // The leader dies after one update; the other carries on with it and one more.
        PublishDeltas(set.Writer(leader), 1, 1, sequenced: false);
        PublishDeltas(set.Writer(other), 1, 2, sequenced: false);
        _ = set.Drain();
        Assert.Equal(new PriceLevel(100, 1), reader.Book(0).BestBid);
        set.Advance(TimeSpan.FromSeconds(4));
        _ = set.Writer(other).PublishHeartbeat(0);
        _ = set.Drain();

        Assert.Equal(other, reader.Leader(0)!.Name);
        Assert.Equal(1, reader.Failovers);
        Assert.Equal(1, reader.Replicas.Single(r => r.Name == leader).Failovers);
        Assert.True(reader.Replicas.Single(r => r.Name == leader).IsStale);
        Assert.Equal(MergedEventKind.BookSnapshot, set.Events[^1].Kind);
        Assert.Equal(new PriceLevel(100, 2), set.Consumed[0].BestBid);
    }

    [Fact]
    public void ShouldFailOverWhenTheLeaderResetsItsBookAndResetWhenNoReplicaHoldsOne()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open();
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";

        _ = set.Writer(leader).PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Equal((other, MergedEventKind.BookSnapshot, true), (reader.Leader(0)!.Name, set.Events[^1].Kind, reader.IsValid(0)));

        _ = set.Writer(other).PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();
        Assert.Equal((MergedEventKind.BookReset, false), (set.Events[^1].Kind, reader.IsValid(0)));

        // The first replica to hold a book again is followed.
        _ = set.Writer(leader).PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Drain();
        Assert.Equal((leader, true), (reader.Leader(0)!.Name, reader.IsValid(0)));
    }

    [Fact]
    public void ShouldDiscoverAReplicaThatAppearsLaterAndFailOverWhenTheLeaderRestarts()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open();
        _ = set.Drain();
        Assert.Single(reader.Replicas);

        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        PublishDeltas(set.Writer("b"), 1, 1, sequenced: false);
        PublishDeltas(set.Writer("a"), 1, 1, sequenced: false);
        _ = set.Drain();
        Assert.Equal(2, reader.Replicas.Count);
        Assert.Equal("a", reader.Leader(0)!.Name);

        // a restarts (a new writer epoch on the same ring): its books are void until its next snapshot.
        set.Stop("a");
        _ = set.Writer("a").PublishHeartbeat(0);
        _ = set.Drain();

        Assert.Equal("b", reader.Leader(0)!.Name);
        Assert.Equal(1, reader.Replicas[0].EpochChanges);
        Assert.Equal(1, reader.Failovers);
        Assert.Equal(Top(reader.Book(0)), Top(set.Consumed[0]));
    }

    [Fact]
    public void ShouldAllocateNothingPerRecord()
    {
        using var set = new ReplicaSet("binance");
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 10, Bids, Asks);
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 10, Bids, Asks);
        var reader = set.Open();
        Drain(reader);
        PublishDeltas(set.Writer("a"), 11, 100);
        PublishDeltas(set.Writer("b"), 11, 100);
        Drain(reader);

        PublishDeltas(set.Writer("a"), 101, 600);
        PublishDeltas(set.Writer("b"), 101, 600);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var events = Drain(reader);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(500, events);
    }

    private static int Drain(ReplicatedReader reader)
    {
        var events = 0;
        while (reader.TryRead(out var e))
        {
            events += e.Kind == MergedEventKind.BookDelta ? 1 : 0;
        }
        return events;
    }

    /// <summary>Deltas <paramref name="from"/>…<paramref name="to"/>: each sets the best bid's size to its number.</summary>
    private static void PublishDeltas(RingWriter writer, long from, long to, bool sequenced = true)
    {
        for (var i = from; i <= to; i++)
        {
            _ = writer.PublishBookDelta(0, i, sequenced ? i : 0, [new PriceLevel(100, i)], default, RecordFlags.BatchEnd);
        }
    }

    private static Trade TradeWith(ulong id) => new(0, 100, 1, TradeSide.Buy, id, 1, 1);

    private static PriceLevel[] Top(OrderBook book) => [.. ReplicaSet.Top(book, BookSide.Bid), .. ReplicaSet.Top(book, BookSide.Ask)];
}
