using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// What the merged reader tells about each replica (lag, latency, staleness, records, duplicates),
/// when it looks for new replicas, which trade ids it treats as copies, and which options it refuses.
/// </summary>
public sealed class ReplicaHealthTests : IDisposable
{
    private readonly TempRing _directory = new();
    private readonly Dictionary<string, RingWriter> _writers = [];
    private long _clockOffset;

    public void Dispose()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        _directory.Dispose();
    }

    [Fact]
    public void ShouldRefuseOptionsWithoutAnExchangeDirectoryPositiveIntervalsOrClock()
    {
        var valid = Options();
        Assert.Throws<ArgumentNullException>(() => ReplicatedReader.Open(null!));
        Assert.ThrowsAny<ArgumentException>(() => ReplicatedReader.Open(valid with { Exchange = " " }));
        Assert.ThrowsAny<ArgumentException>(() => ReplicatedReader.Open(valid with { Directory = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicatedReader.Open(valid with { StaleAfter = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicatedReader.Open(valid with { DiscoveryInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentNullException>(() => ReplicatedReader.Open(valid with { Clock = null! }));
    }

    [Fact]
    public void ShouldReportLagWhileBehindAndNoneOnceCaughtUp()
    {
        using var reader = OpenWith("a");
        for (ulong id = 1; id <= 1500; id++)
        {
            _ = Writer("a").PublishTrade(Trade(id));
        }

        var lagMidway = -1L;
        for (var i = 0; i < 1200; i++)
        {
            Assert.True(reader.TryRead(out _));
            if (i == 1100)
            {
                lagMidway = reader.Replicas[0].Lag;
            }
        }

        Drain(reader);
        Assert.InRange(lagMidway, 1, 1500);
        Assert.Equal((0L, 1500L), (reader.Replicas[0].Lag, reader.Replicas[0].Records));
    }

    [Fact]
    public void ShouldMeasureLatencyFromTheLastRecordsPublishTimeAndNoneBeforeAnyRecord()
    {
        using var reader = OpenWith("a", "b");
        _ = Writer("a").PublishTrade(Trade(1));
        _clockOffset = TimeSpan.FromMilliseconds(500).Ticks * 100;

        Drain(reader);

        var (a, b) = (Replica(reader, "a"), Replica(reader, "b"));
        Assert.InRange(a.LatencyNanoseconds, 500_000_000, 60_000_000_000);
        Assert.Equal(0, b.LatencyNanoseconds);
    }

    [Fact]
    public void ShouldCallAReplicaStaleOnlyAfterItsWriterPublishedNothingForStaleAfter()
    {
        using var reader = OpenWith("a", "b");
        _ = Writer("a").PublishTrade(Trade(1));
        Drain(reader);

        _clockOffset = TimeSpan.FromSeconds(2).Ticks * 100;
        _ = Writer("a").PublishTrade(Trade(2));
        Drain(reader);
        var b = Replica(reader, "b");
        Assert.InRange(b.StalenessNanoseconds, 2_000_000_000, 60_000_000_000);
        Assert.False(b.IsStale);

        _clockOffset = TimeSpan.FromSeconds(3.5).Ticks * 100;
        _ = Writer("a").PublishTrade(Trade(3));
        Drain(reader);
        Assert.True(b.IsStale);
        Assert.False(Replica(reader, "a").IsStale);
        Assert.InRange(Replica(reader, "a").StalenessNanoseconds, 0, 1_500_000_000);
    }

    [Fact]
    public void ShouldCountEachReplicasRecordsAndTheCopiesItDropped()
    {
        using var reader = OpenWith("a", "b");
        for (ulong id = 1; id <= 3; id++)
        {
            _ = Writer("a").PublishTrade(Trade(id));
            _ = Writer("b").PublishTrade(Trade(id));
        }

        Assert.Equal(3, Drain(reader));

        var (a, b) = (Replica(reader, "a"), Replica(reader, "b"));
        Assert.Equal((3L, 3L), (a.Records, b.Records));
        Assert.Equal(3, a.DuplicatesDropped + b.DuplicatesDropped);
        Assert.Equal(3, reader.DuplicatesDropped);
    }

    [Fact]
    public void ShouldLookForNewReplicasOnlyOnceTheDiscoveryIntervalHasPassed()
    {
        using var reader = OpenWith("a");
        _ = Writer("b");

        _clockOffset = TimeSpan.FromSeconds(0.5).Ticks * 100;
        Drain(reader);
        Assert.Single(reader.Replicas);

        _clockOffset = TimeSpan.FromSeconds(1.5).Ticks * 100;
        Drain(reader);
        Assert.Equal(["a", "b"], reader.Replicas.Select(replica => replica.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new ulong[] { 99, 100, 164, 163 }, new ulong[] { 99, 100, 164, 163 })]
    [InlineData(new ulong[] { 100, 35, 37, 37 }, new ulong[] { 100, 37 })]
    [InlineData(new ulong[] { 100, 98, 98, 99 }, new ulong[] { 100, 98, 99 })]
    public void ShouldDeliverEachTradeIdOnceWithinTheWindowAndDropOlderOnes(ulong[] published, ulong[] delivered)
    {
        using var reader = OpenWith("a");
        foreach (var id in published)
        {
            _ = Writer("a").PublishTrade(Trade(id));
        }

        var ids = new List<ulong>();
        while (reader.TryRead(out var merged))
        {
            ids.Add(merged.Trade.TradeId);
        }

        Assert.Equal(delivered, ids);
    }

    [Fact]
    public void ShouldFailOverEverySymbolAStaleReplicaLedInSymbolOrder()
    {
        const int Symbols = 40;
        for (var symbol = 0; symbol < Symbols; symbol++)
        {
            _ = Writer("a", Symbols).PublishBookSnapshot((ushort)symbol, 1, 0, [new PriceLevel(100, 1)], []);
            _ = Writer("b", Symbols).PublishBookSnapshot((ushort)symbol, 1, 0, [new PriceLevel(100, 2)], []);
        }

        using var reader = ReplicatedReader.Open(Options());
        _ = Drain(reader);
        var stale = reader.Leader(0)!.Name;
        var other = stale == "a" ? "b" : "a";
        var led = Enumerable.Range(0, Symbols).Where(symbol => reader.Leader(symbol)!.Name == stale).ToList();
        Assert.True(led.Count > 16, $"replica {stale} leads {led.Count} of {Symbols} symbols");

        _clockOffset = TimeSpan.FromSeconds(4).Ticks * 100;
        _ = Writer(other).PublishHeartbeat(0);
        var events = new List<(MergedEventKind Kind, int Symbol, string Replica)>();
        while (reader.TryRead(out var merged))
        {
            events.Add((merged.Kind, merged.Symbol, reader.Replicas[merged.Replica].Name));
        }

        Assert.Equal(led.Select(symbol => (MergedEventKind.BookSnapshot, symbol, other)), events);
        var otherSize = other == "a" ? 1 : 2;
        Assert.All(Enumerable.Range(0, Symbols), symbol => Assert.Equal(new PriceLevel(100, otherSize), reader.Book(symbol).BestBid));
        Assert.Equal(led.Count, reader.Failovers);
    }

    [Fact]
    public void ShouldFailOverFromAStaleReplicaWhileAnotherKeepsTheReaderBusy()
    {
        foreach (var replica in (string[])["a", "b"])
        {
            _ = Writer(replica).PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        }

        using var reader = ReplicatedReader.Open(Options());
        _ = Drain(reader);
        var stale = reader.Leader(0)!.Name;
        var busy = stale == "a" ? "b" : "a";

        _clockOffset = TimeSpan.FromSeconds(4).Ticks * 100;
        for (ulong id = 1; id <= 2000; id++)
        {
            _ = Writer(busy).PublishTrade(Trade(id));
        }

        var kinds = new List<MergedEventKind>();
        while (reader.TryRead(out var merged))
        {
            kinds.Add(merged.Kind);
        }

        // Health is judged every 1024 records too, not only once the reader is caught up.
        Assert.InRange(kinds.IndexOf(MergedEventKind.BookSnapshot), 1, 1999);
        Assert.Equal((busy, 2000), (reader.Leader(0)!.Name, kinds.Count(kind => kind == MergedEventKind.Trade)));
    }

    [Fact]
    public void ShouldWaitForAMergedEventAndGiveUpWhenCancelled()
    {
        using var reader = OpenWith("a");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(reader.Read(out _, cancelled.Token));
        _ = Writer("a").PublishTrade(Trade(9));
        Assert.True(reader.Read(out var merged, cancelled.Token));
        Assert.Equal((MergedEventKind.Trade, 9UL), (merged.Kind, merged.Trade.TradeId));
    }

    [Fact]
    public void ShouldFailAwayFromAReplicaThatLappedTheMergedReader()
    {
        foreach (var replica in (string[])["a", "b"])
        {
            _ = Writer(replica, slots: 64).PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        }

        using var reader = ReplicatedReader.Open(Options());
        _ = Drain(reader);
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";
        for (var i = 1; i <= 100; i++)
        {
            _ = Writer(leader).PublishBookDelta(0, i, 0, [new PriceLevel(100, 1_000 + i)], [], RecordFlags.BatchEnd);
        }

        _ = Drain(reader);

        Assert.True(Replica(reader, leader).RecordsLost > 0);
        Assert.Equal((other, 1L), (reader.Leader(0)!.Name, reader.Failovers));
        Assert.Equal(new PriceLevel(100, 1), reader.Book(0).BestBid);
    }

    [Fact]
    public void ShouldTurnHeartbeatsIntoNoEvent()
    {
        using var reader = OpenWith("a");
        _ = Writer("a").PublishHeartbeat(1);
        _ = Writer("a").PublishHeartbeat(2);

        Assert.False(reader.TryRead(out _));
        Assert.Equal(2, reader.Replicas[0].Records);
    }

    [Fact]
    public void ShouldMarkOnlyTheLastEventOfAMultiRecordDeltaAsTheBatchEndAndEveryTradeAsOne()
    {
        using var reader = OpenWith("a");
        _ = Writer("a").PublishBookSnapshot(0, 1, 10, [new PriceLevel(100, 1)], []);
        var levels = Enumerable.Range(1, 30).Select(i => new PriceLevel(100 - i, i)).ToArray();
        _ = Writer("a").PublishBookDelta(0, 2, 11, levels, [], RecordFlags.BatchEnd);
        _ = Writer("a").PublishTrade(Trade(1));

        var events = new List<(MergedEventKind Kind, bool IsBatchEnd, int Levels)>();
        while (reader.TryRead(out var merged))
        {
            events.Add((merged.Kind, merged.IsBatchEnd, merged.Bids.Length));
        }

        Assert.Equal(
        [
            (MergedEventKind.BookSnapshot, true, 0),
            (MergedEventKind.BookDelta, false, 12),
            (MergedEventKind.BookDelta, false, 12),
            (MergedEventKind.BookDelta, true, 6),
            (MergedEventKind.Trade, true, 0),
        ], events);
        Assert.Equal((11L, 31), (reader.Sequence(0), reader.Book(0).BidCount));
    }

    private ReplicationOptions Options() => new()
    {
        Exchange = "binance",
        Directory = _directory.Directory,
        StaleAfter = TimeSpan.FromSeconds(3),
        DiscoveryInterval = TimeSpan.FromSeconds(1),
        Clock = () => MonotonicClock.NowNanoseconds() + _clockOffset,
    };

    private ReplicatedReader OpenWith(params string[] replicas)
    {
        foreach (var replica in replicas)
        {
            _ = Writer(replica);
        }

        return ReplicatedReader.Open(Options());
    }

    /// <summary>The replica's writer, created on first use with <paramref name="symbols"/> instruments (S0, S1, …).</summary>
    private RingWriter Writer(string replica, int symbols = 1, int slots = 4096)
    {
        if (!_writers.TryGetValue(replica, out var writer))
        {
            writer = RingWriter.Open(Path.Combine(_directory.Directory, $"binance-{replica}.ring"), new RingOptions
            {
                SlotCount = slots,
                Instruments = [.. Enumerable.Range(0, symbols).Select(i => new InstrumentSpec($"S{i}", 2, 8))],
            });
            _writers[replica] = writer;
        }

        return writer;
    }

    private static Replica Replica(ReplicatedReader reader, string name) => reader.Replicas.Single(replica => replica.Name == name);

    private static int Drain(ReplicatedReader reader)
    {
        var events = 0;
        while (reader.TryRead(out _))
        {
            events++;
        }

        return events;
    }

    private static Trade Trade(ulong id) => new(0, 100, 1, TradeSide.Buy, id, (long)id, (long)id);
}
