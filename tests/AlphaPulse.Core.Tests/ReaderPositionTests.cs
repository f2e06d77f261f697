using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Where a reader starts, seeks and resumes after being lapped (docs/shm-format.md §7): at the edges of
/// what the ring still holds, a snapshot the writer is about to overwrite is never chosen.
/// </summary>
public sealed class ReaderPositionTests : IDisposable
{
    private const int Slots = 16;

    private readonly TempRing _ring = new();
    private readonly RingWriter _writer;

    public ReaderPositionTests() =>
        _writer = RingWriter.Open(_ring.Path, new RingOptions { SlotCount = Slots, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] });

    public void Dispose()
    {
        _writer.Dispose();
        _ring.Dispose();
    }

    // Snapshot at 6, reader still at 1: 14 trades after it leave the snapshot two slots from reuse,
    // 15 leave it in the slot the writer claims next.
    [Theory]
    [InlineData(Slots - 2, true)]
    [InlineData(Slots - 1, false)]
    public void ShouldResumeALappedReaderAtTheSnapshotOnlyWhileTheWriterIsNotAboutToOverwriteIt(int tradesAfterSnapshot, bool resumesAtSnapshot)
    {
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        PublishTrades(5);
        var snapshot = _writer.PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        PublishTrades(tradesAfterSnapshot);

        Assert.True(reader.TryRead(out var record));
        var expected = resumesAtSnapshot ? snapshot : _writer.LastSequence;
        Assert.Equal((expected, expected - 1), (record.Sequence, record.LostBefore));
        Assert.Equal((1L, expected - 1), (reader.Lapped, reader.Lost));
    }

    [Fact]
    public void ShouldStartAfterTheNewestRecordWhenTheLatestSnapshotHasLeftTheRing()
    {
        _ = _writer.PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        PublishTrades(Slots);

        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });

        Assert.Equal(_writer.LastSequence + 1, reader.Position);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void ShouldStartAtTheLatestSnapshotWhileItIsTheOldestRecordInTheRing()
    {
        var snapshot = _writer.PublishBookSnapshot(0, 1, 0, [new PriceLevel(100, 1)], []);
        PublishTrades(Slots - 1);

        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });

        Assert.Equal((1L, snapshot), (reader.Position, snapshot));
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(RecordType.BookSnapshot, record.Type);
    }

    [Fact]
    public void ShouldStartAfterTheNewestRecordWhenNoSnapshotWasEverPublished()
    {
        PublishTrades(3);

        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });

        Assert.Equal(4, reader.Position);
    }

    [Fact]
    public void ShouldStartAnOldestReaderOfAnEmptyRingAtTheFirstRecord()
    {
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });

        Assert.Equal(1, reader.Position);
        _ = _writer.PublishHeartbeat(7);
        Assert.True(reader.TryRead(out var record));
        Assert.Equal((1L, 7L, false), (record.Sequence, record.HeartbeatWallClock, record.IsNewEpoch));
    }

    [Fact]
    public void ShouldSeekWithoutCountingSkippedRecordsAsLost()
    {
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        PublishTrades(Slots * 3);

        reader.Seek(StartPosition.Newest);
        Assert.False(reader.TryRead(out _));
        reader.Seek(StartPosition.Oldest);
        Assert.Equal((Slots * 2) + 1, reader.Position);
        Assert.True(reader.TryRead(out var record));
        Assert.Equal(((Slots * 2) + 1L, 0L), (record.Sequence, record.LostBefore));
        Assert.Equal((0L, 0L), (reader.Lapped, reader.Lost));
    }

    [Fact]
    public void ShouldTellHowFarTheWriterIsAndWhoItIs()
    {
        using var reader = RingReader.Open(_ring.Path);
        PublishTrades(3);

        Assert.Equal((3L, Environment.ProcessId), (reader.PublishedSequence, reader.WriterPid));
        Assert.Equal((Slots, 256), (reader.SlotCount, reader.SlotSize));
        Assert.Equal(_ring.Path, reader.Path);
    }

    [Fact]
    public void ShouldWaitForARecordAndGiveUpWhenCancelled()
    {
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Idle = IdleMode.LowCpu });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(reader.Read(out _, cancelled.Token));
        PublishTrades(1);
        Assert.True(reader.Read(out var record, cancelled.Token));
        Assert.Equal(1, record.Sequence);
    }

    private void PublishTrades(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = _writer.PublishTrade(new Trade(0, 100 + i, 1, TradeSide.Sell, (ulong)i, i, i));
        }
    }
}
