using System.IO.MemoryMappedFiles;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>
/// What one merged read returns and in which order (docs/replication.md): "caught up" only when every replica is,
/// a replica found by discovery read at once, failover events before the records behind them, merged symbol ids
/// whatever rows the replicas give their instruments, and a restarted replica's table and books taken afresh.
/// </summary>
public sealed class MergedStreamTests
{
    private static readonly PriceLevel[] Bids = [new(100, 5)];
    private static readonly PriceLevel[] Asks = [new(101, 5)];

    [Fact]
    public void ShouldNotReportCaughtUpWhileAReplicaHoldsAnEventBehindRecordsThatMakeNone()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a");
        var reader = set.Open();
        for (var i = 0; i < 5; i++)
        {
            _ = set.Writer("b").PublishHeartbeat(i);
        }

        _ = set.Writer("b").PublishTrade(TradeWith(7));
        set.Advance(TimeSpan.FromSeconds(1));

        // One read: discovery finds b during it, and b's heartbeats are passed over while a stays idle.
        Assert.True(reader.TryRead(out var merged));
        Assert.Equal((MergedEventKind.Trade, 7UL, "b"), (merged.Kind, merged.Trade.TradeId, reader.Replicas[merged.Replica].Name));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void ShouldDeliverAFailoverAndTheRecordThatCausedItBeforeAnyLaterEvent()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open();
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";

        // The leader restarts and its first record is a trade; the other replica carries two more updates.
        set.Stop(leader);
        _ = set.Writer(leader).PublishTrade(TradeWith(1));
        _ = set.Writer(other).PublishBookDelta(0, 2, 0, [new PriceLevel(100, 6)], default, RecordFlags.BatchEnd);
        _ = set.Writer(other).PublishBookDelta(0, 3, 0, [new PriceLevel(100, 7)], default, RecordFlags.BatchEnd);
        var before = set.Events.Count;
        _ = set.Drain();

        var kinds = set.Events.Skip(before).Select(e => e.Kind).ToList();
        Assert.Equal([MergedEventKind.BookSnapshot, MergedEventKind.Trade], kinds.Take(2));
        Assert.All(kinds.Skip(2), kind => Assert.Equal(MergedEventKind.BookDelta, kind));
        Assert.Equal(other, reader.Leader(0)!.Name);
        Assert.Equal(new PriceLevel(100, 7), set.Consumed[0].BestBid);
    }

    [Fact]
    public void ShouldGiveEveryTradeItsMergedSymbolIdWhateverRowItsReplicaDeclaredItIn()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a", "ETH-USD", "BTC-USD");
        var reader = set.Open();
        _ = set.Writer("b", "BTC-USD").PublishTrade(TradeWith(5));
        _ = set.Writer("a", "ETH-USD", "BTC-USD").PublishTrade(TradeWith(6) with { InstrumentId = 0 });
        _ = set.Drain();

        Assert.Equal(["ETH-USD", "BTC-USD"], reader.Symbols);
        Assert.Equal([new Instrument(0, "ETH-USD", 2, 8), new Instrument(1, "BTC-USD", 2, 8)], reader.Instruments);
        Assert.Equal([(5UL, (ushort)1), (6UL, (ushort)0)], set.Trades.Select(t => (t.TradeId, t.InstrumentId)).Order());
        Assert.Equal([(MergedEventKind.Trade, 0), (MergedEventKind.Trade, 1)], set.Events.Select(e => (e.Kind, e.Symbol)).Order());
    }

    [Fact]
    public void ShouldMapTheRowsOfAReplicaThatRestartedWithAnotherInstrumentTable()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a", "BTC-USD").PublishTrade(TradeWith(1));
        var reader = set.Open();
        _ = set.Drain();

        set.Stop("a");
        _ = set.Writer("a", "ETH-USD", "BTC-USD").PublishTrade(TradeWith(1) with { InstrumentId = 0 });
        _ = set.Writer("a").PublishTrade(TradeWith(2) with { InstrumentId = 1 });
        _ = set.Drain();

        Assert.Equal(["BTC-USD", "ETH-USD"], reader.Symbols);
        Assert.Equal(["BTC-USD", "ETH-USD", "BTC-USD"], set.Events.Select(e => reader.Symbols[e.Symbol]));
        Assert.Equal([1UL, 1, 2], set.Trades.Select(t => t.TradeId));
    }

    [Fact]
    public void ShouldNeverFailOverToTheBookAReplicaHeldBeforeItRestarted()
    {
        using var set = new ReplicaSet();
        _ = set.Writer("a").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        _ = set.Writer("b").PublishBookSnapshot(0, 1, 0, Bids, Asks);
        var reader = set.Open();
        _ = set.Drain();
        var leader = reader.Leader(0)!.Name;
        var other = leader == "a" ? "b" : "a";

        // The other replica restarts and has published no book since; then the leader resets its book.
        set.Stop(other);
        _ = set.Writer(other).PublishHeartbeat(0);
        _ = set.Drain();
        _ = set.Writer(leader).PublishBookDelta(0, 0, 0, default, default, RecordFlags.BookReset | RecordFlags.BatchEnd);
        _ = set.Drain();

        Assert.Equal((MergedEventKind.BookReset, false), (set.Events[^1].Kind, reader.IsValid(0)));
        Assert.Null(reader.Leader(0));
        Assert.True(set.Consumed[0].IsEmpty);
    }

    [Fact]
    public void ShouldLoadTheTableOfAReplicaOpenedWhileItsWriterWasStartingUp()
    {
        using var set = new ReplicaSet();
        var writer = set.Writer("a");
        using var header = MemoryMappedFile.CreateFromFile(writer.Path, FileMode.Open);
        using var epoch = header.CreateViewAccessor(RingDescriptor.EpochOffset, sizeof(uint));

        // As between a (re)starting writer's epoch 0 and its table being published.
        epoch.Write(0, 0u);
        var reader = set.Open();
        Assert.Empty(reader.Instruments);
        Assert.False(reader.RefreshInstruments());

        epoch.Write(0, writer.Epoch);
        Assert.True(reader.RefreshInstruments());
        Assert.Equal([new Instrument(0, "BTC-USD", 2, 8)], reader.Instruments);
        Assert.False(reader.RefreshInstruments());
    }

    [Fact]
    public void ShouldDeliverTheFirstRecordOfAReplicaWhoseTableArrivedWithIt()
    {
        using var set = new ReplicaSet();
        var writer = set.Writer("a");
        using var header = MemoryMappedFile.CreateFromFile(writer.Path, FileMode.Open);
        using var epoch = header.CreateViewAccessor(RingDescriptor.EpochOffset, sizeof(uint));
        epoch.Write(0, 0u);
        var reader = set.Open();
        epoch.Write(0, writer.Epoch);
        _ = writer.PublishTrade(TradeWith(3));

        Assert.True(reader.TryRead(out var merged));
        Assert.Equal((MergedEventKind.Trade, 0, (ushort)0, 3UL), (merged.Kind, merged.Symbol, merged.Trade.InstrumentId, merged.Trade.TradeId));
        Assert.Equal(["BTC-USD"], reader.Symbols);
    }

    private static Trade TradeWith(ulong id) => new(0, 100, 1, TradeSide.Buy, id, 1, 1);
}
