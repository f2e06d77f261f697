using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using Prometheus;

namespace AlphaPulse.Collector.Tests.Pipeline;

/// <summary>
/// The book publisher over a real ring, without an exchange: periodic snapshots of live books only, resets of
/// every published book when a connection ends, updates that change nothing, the snapshot-equivalent cost a
/// delta is compared with, and the receive times and latencies it stamps.
/// </summary>
public sealed class BookPublisherTests : IDisposable
{
    private const int Depth = 2;

    private readonly TempDirectory _directory = new();
    private readonly string _path;
    private readonly RingWriter _ring;
    private readonly FeedCounters _counters = new();
    private readonly Histogram _latency = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()).CreateHistogram("test_receive_to_publish_seconds", "Receive to publish.");
    private readonly BookPublisher _publisher;

    public BookPublisherTests()
    {
        _path = Path.Combine(_directory.Path, "publisher.ring");
        _ring = RingWriter.Open(_path, new RingOptions
        {
            SlotCount = 1 << 10,
            Instruments = [new InstrumentSpec("BTC-USD", 2, 2), new InstrumentSpec("ETH-USD", 2, 2)],
        });
        _publisher = new BookPublisher(_ring, Depth, _counters, _latency, bookSequences: true);
    }

    [Fact]
    public void ShouldCountBooksAndLiveBooks()
    {
        Assert.Equal((2, 0), (_publisher.BookCount, _publisher.LiveCount));

        Load(0, sequence: 5);

        Assert.Equal((2, 1), (_publisher.BookCount, _publisher.LiveCount));
        Assert.Equal((BookState.Live, BookState.Unsynchronised), (_publisher.State(0), _publisher.State(1)));
    }

    [Fact]
    public void ShouldPublishPeriodicSnapshotsOfLiveBooksOnly()
    {
        Load(1, sequence: 9);

        _publisher.PublishSnapshots(exchangeTime: 77);

        using var ring = Read();
        Assert.Equal(
            [(1, RecordType.BookSnapshot, 0L, 9L), (1, RecordType.BookSnapshot, 77L, 9L)],
            ring.BookRecords.Select(r => ((int)r.InstrumentId, r.Type, r.ExchangeTime, r.ExchangeSequence)));
        Assert.Equal(2, _counters.SnapshotsPublished);
    }

    [Fact]
    public void ShouldResetEveryPublishedBookBehindAResetRecordCountingTheReasonWhenGiven()
    {
        Load(0, sequence: 1);
        Load(1, sequence: 1);

        _publisher.ResetAll(ResyncReason.Reconnect);

        Assert.Equal(0, _publisher.LiveCount);
        Assert.Equal(2, _counters.Resyncs(ResyncReason.Reconnect));
        using (var ring = Read())
        {
            Assert.Equal(2, ring.Resets);
            Assert.False(ring.IsValid(0) || ring.IsValid(1));
        }

        Load(0, sequence: 2);
        _publisher.ResetAll(reason: null);

        Assert.Equal(0, _publisher.LiveCount);
        Assert.Equal(2, _counters.Resyncs(ResyncReason.Reconnect));
        Assert.Equal(3, Read().Resets);
    }

    [Fact]
    public void ShouldPublishNoDeltaForAnUpdateThatChangesNothing()
    {
        Load(0, sequence: 1);

        _publisher.Apply(0, Levels((BookSide.Bid, 100, 1)), sequence: 2);
        Assert.True(_publisher.Commit(0, exchangeTime: 5, receiveTime: 0));

        using var ring = Read();
        Assert.Equal(0, ring.Deltas);
        Assert.Equal(0, _counters.DeltaBytes);
    }

    [Fact]
    public void ShouldCompareADeltaWithASnapshotOfAtMostTheDepthPerSide()
    {
        _publisher.LoadSnapshot(0, Levels((BookSide.Bid, 100, 1), (BookSide.Bid, 99, 1), (BookSide.Bid, 98, 1), (BookSide.Ask, 101, 1)), sequence: 1);
        Assert.True(_publisher.Commit(0, 0, 0));

        _publisher.Apply(0, Levels((BookSide.Bid, 97, 4)), sequence: 2);
        Assert.True(_publisher.Commit(0, exchangeTime: 6, receiveTime: 0));

        // Four bids and one ask; a snapshot at depth 2 would carry two bids and the ask.
        Assert.Equal(RecordSizes.Book(1, _ring.MaxLevelsPerRecord), _counters.DeltaBytes);
        Assert.Equal(RecordSizes.Book(Depth + 1, _ring.MaxLevelsPerRecord), _counters.SnapshotEquivalentBytes);
        using var ring = Read();
        Assert.Equal((RecordType.BookDelta, 6L, 2L), (ring.BookRecords[^1].Type, ring.BookRecords[^1].ExchangeTime, ring.BookRecords[^1].ExchangeSequence));
    }

    [Fact]
    public void ShouldStampTradesWithTheirReceiveTimeInUnixNanosecondsAndObserveLatency()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;

        Assert.True(_publisher.PublishTrade(1, price: 100, size: 2, TradeSide.Buy, tradeId: 1, exchangeTime: 3, receiveTime: MonotonicClock.NowNanoseconds()));
        Assert.True(_publisher.PublishTrade(1, price: 100, size: 2, TradeSide.Buy, tradeId: 2, exchangeTime: 3, receiveTime: 0));

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var trade = Read().Trades[0];
        Assert.InRange(trade.ReceiveTime, before - 1_000_000_000, after + 1_000_000_000);
        Assert.Equal((1, 100L, 2L, TradeSide.Buy, 1UL, 3L), (trade.InstrumentId, trade.Price, trade.Size, trade.Side, trade.TradeId, trade.ExchangeTime));
        // Only the trade with a receive time is observed, in seconds (a frame received moments ago).
        Assert.Equal(1, _latency.Count);
        Assert.InRange(_latency.Sum, 0, 60);
    }

    [Fact]
    public void ShouldObserveTheLatencyOfDeltasButNotOfSnapshots()
    {
        Load(0, sequence: 1);
        Assert.Equal(0, _latency.Count);

        _publisher.Apply(0, Levels((BookSide.Bid, 99, 3)), sequence: 2);
        _ = _publisher.Commit(0, exchangeTime: 1, receiveTime: MonotonicClock.NowNanoseconds());

        Assert.Equal(1, _latency.Count);
        Assert.InRange(_latency.Sum, 0, 60);
    }

    [Fact]
    public void ShouldPublishEachUpdateOnlyItsOwnChanges()
    {
        Load(0, sequence: 1);

        _publisher.Apply(0, Levels((BookSide.Bid, 99, 3)), sequence: 2);
        Assert.True(_publisher.Commit(0, exchangeTime: 1, receiveTime: 0));
        _publisher.Apply(0, Levels((BookSide.Ask, 102, 4)), sequence: 3);
        Assert.True(_publisher.Commit(0, exchangeTime: 2, receiveTime: 0));

        Assert.Equal(2 * RecordSizes.Book(1, _ring.MaxLevelsPerRecord), _counters.DeltaBytes);
        Assert.Equal(2, Read().Deltas);
    }

    [Fact]
    public void ShouldCarryNoExchangeSequenceWhenTheExchangeHasNone()
    {
        var publisher = new BookPublisher(_ring, Depth, _counters, receiveToPublish: null, bookSequences: false);
        publisher.LoadSnapshot(0, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence: 9);
        Assert.True(publisher.Commit(0, exchangeTime: 3, receiveTime: 0));

        Assert.Equal(0L, Read().BookRecords[^1].ExchangeSequence);
        Assert.Throws<ArgumentNullException>(() => new RingPublisher(null!, Depth, _counters, null, false));
        Assert.Throws<ArgumentNullException>(() => new RingPublisher(_ring, Depth, null!, null, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RingPublisher(_ring, 0, _counters, null, false));
    }

    public void Dispose()
    {
        _ring.Dispose();
        _directory.Dispose();
    }

    /// <summary>A live book: bid 100 × 1, ask 101 × 1 at <paramref name="sequence"/>.</summary>
    private void Load(ushort id, long sequence)
    {
        _publisher.LoadSnapshot(id, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence);
        Assert.True(_publisher.Commit(id, exchangeTime: 0, receiveTime: MonotonicClock.NowNanoseconds()));
    }

    private RingBooks Read() => new RingBooks(_path).Drain();

    private static LevelBatch Levels(params (BookSide Side, long Price, long Size)[] levels)
    {
        var batch = new LevelBatch();
        foreach (var (side, price, size) in levels)
        {
            batch.Add(side, price, size);
        }
        return batch;
    }
}
