using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>Writer and readers in one process: ordering, start positions, books, lapping, allocation.</summary>
public sealed class RingTests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private RingWriter OpenWriter(int slotCount = 64) => RingWriter.Open(_ring.Path, new RingOptions
    {
        SlotCount = slotCount,
        Instruments = [new InstrumentSpec("BTC-USD", 2, 8), new InstrumentSpec("ETH-USD", 2, 8)],
    });

    private static Trade TradeAt(long i) => new(1, 6_701_234 + i, 100_000_000, TradeSide.Buy, (ulong)i, i * 1000, i * 2000);

    [Fact]
    public void ShouldDeliverEveryRecordInOrderWithItsFields()
    {
        using var writer = OpenWriter();
        using var reader = RingReader.Open(_ring.Path);
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(i, writer.PublishTrade(TradeAt(i)));
        }

        for (var i = 1; i <= 10; i++)
        {
            Assert.True(reader.TryRead(out var record));
            Assert.Equal(i, record.Sequence);
            Assert.Equal(TradeAt(i), record.Trade);
            Assert.Equal(0, record.LostBefore);
            Assert.True(record.PublishTime > 0 && record.PublishTime <= MonotonicClock.NowNanoseconds());
        }

        Assert.False(reader.TryRead(out _));
        Assert.Equal(0, reader.Lost);
    }

    [Fact]
    public void ShouldShowReadersTheWritersInstrumentTable()
    {
        using var writer = OpenWriter();
        using var reader = RingReader.Open(_ring.Path);
        Assert.Equal([new Instrument(0, "BTC-USD", 2, 8), new Instrument(1, "ETH-USD", 2, 8)], reader.Instruments);
        Assert.Equal(writer.Epoch, reader.TableEpoch);
        Assert.Equal(Environment.ProcessId, reader.WriterPid);
    }

    [Fact]
    public void ShouldLoadTheTableOfAWriterThatWasStartingUpWhenTheReaderOpenedBeforeAnyRecord()
    {
        using var writer = OpenWriter();
        var epoch = writer.Epoch;
        using (var header = System.IO.MemoryMappedFiles.MemoryMappedFile.CreateFromFile(_ring.Path, FileMode.Open))
        using (var view = header.CreateViewAccessor(RingDescriptor.EpochOffset, sizeof(uint)))
        {
            // As between a (re)starting writer's epoch 0 and its table being published.
            view.Write(0, 0u);
            using var reader = RingReader.Open(_ring.Path);
            Assert.Empty(reader.Instruments);
            Assert.False(reader.RefreshInstruments());

            view.Write(0, epoch);
            Assert.True(reader.RefreshInstruments());
            Assert.Equal((epoch, "ETH-USD"), (reader.TableEpoch, reader.Instruments[1].Symbol));
            Assert.False(reader.RefreshInstruments());
        }
    }

    [Fact]
    public void ShouldCreateRingFilesOwnerWriteGroupRead()
    {
        using var writer = OpenWriter();
        Assert.True(writer.Created);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(_ring.Path));
    }

    [Fact]
    public void ShouldStartAtOldestNewestOrLatestSnapshotAsAsked()
    {
        using var writer = OpenWriter(slotCount: 16);
        for (var i = 1; i <= 20; i++)
        {
            _ = writer.PublishTrade(TradeAt(i));
        }

        var snapshot = writer.PublishBookSnapshot(1, 5, 0, [new PriceLevel(100, 1)], [new PriceLevel(101, 1)]);
        _ = writer.PublishTrade(TradeAt(22));

        using var oldest = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        using var newest = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Newest });
        using var latest = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });
        Assert.Equal(22 - 16 + 1, oldest.Position);
        Assert.Equal(23, newest.Position);
        Assert.Equal(snapshot, latest.Position);
        Assert.True(latest.TryRead(out var record));
        Assert.Equal(RecordType.BookSnapshot, record.Type);
        Assert.False(newest.TryRead(out _));
    }

    [Fact]
    public void ShouldChunkLargeSnapshotsAndFlagFirstAndLastChunks()
    {
        using var writer = OpenWriter();
        using var reader = RingReader.Open(_ring.Path);
        var bids = Enumerable.Range(1, 20).Select(i => new PriceLevel(1000 - i, i)).ToArray();
        var asks = Enumerable.Range(1, 20).Select(i => new PriceLevel(1000 + i, i)).ToArray();
        var first = writer.PublishBookSnapshot(0, 77, 4242, bids, asks);

        var gotBids = new List<PriceLevel>();
        var gotAsks = new List<PriceLevel>();
        var flags = new List<RecordFlags>();
        while (reader.TryRead(out var record))
        {
            var book = record.Book;
            Assert.Equal(flags.Count, book.ChunkIndex);
            Assert.Equal(4, book.ChunkCount);
            Assert.Equal(77, book.ExchangeTime);
            Assert.Equal(4242, book.ExchangeSequence);
            gotBids.AddRange(book.Bids.ToArray());
            gotAsks.AddRange(book.Asks.ToArray());
            flags.Add(record.Flags);
        }

        Assert.Equal(1, first);
        Assert.Equal(bids, gotBids);
        Assert.Equal(asks, gotAsks);
        Assert.Equal([RecordFlags.BookReset, RecordFlags.None, RecordFlags.None, RecordFlags.LastChunk | RecordFlags.BatchEnd], flags);
    }

    [Fact]
    public void ShouldSplitLongDeltasAndPutBatchEndOnlyOnTheLastRecord()
    {
        using var writer = OpenWriter();
        using var reader = RingReader.Open(_ring.Path);
        var bids = Enumerable.Range(1, 14).Select(i => new PriceLevel(i, 0)).ToArray();
        _ = writer.PublishBookDelta(0, 9, 31, bids, [new PriceLevel(50, 2)], RecordFlags.BatchEnd);

        Assert.True(reader.TryRead(out var first));
        Assert.Equal((RecordType.BookDelta, RecordFlags.None, 12, 0), (first.Type, first.Flags, first.Book.Bids.Length, first.Book.Asks.Length));
        Assert.True(reader.TryRead(out var second));
        Assert.Equal((RecordFlags.BatchEnd, 2, 1), (second.Flags, second.Book.Bids.Length, second.Book.Asks.Length));
        Assert.Equal(new PriceLevel(50, 2), second.Book.Asks[0]);
        Assert.Equal(31, second.Book.ExchangeSequence);
    }

    [Fact]
    public void ShouldReportExactLostCountWhenLappedAndResumeAtNewestSnapshot()
    {
        using var writer = OpenWriter(slotCount: 16);
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        for (var i = 1; i <= 30; i++)
        {
            _ = writer.PublishTrade(TradeAt(i));
        }

        var bids = Enumerable.Range(1, 20).Select(i => new PriceLevel(1000 - i, i)).ToArray();
        var snapshot = writer.PublishBookSnapshot(1, 5, 0, bids, []);
        for (var i = 33; i <= 40; i++)
        {
            _ = writer.PublishTrade(TradeAt(i));
        }

        Assert.True(reader.TryRead(out var record));
        Assert.Equal(31, snapshot);
        Assert.Equal(31, record.Sequence);
        Assert.Equal(RecordFlags.BookReset, record.Flags);
        Assert.Equal(30, record.LostBefore);
        Assert.Equal((1L, 30L), (reader.Lapped, reader.Lost));
        for (var expected = 32; expected <= 40; expected++)
        {
            Assert.True(reader.TryRead(out record));
            Assert.Equal((expected, 0L), (record.Sequence, record.LostBefore));
        }

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void ShouldResumeAtNewestRecordWhenNoSnapshotIsLeftInTheRing()
    {
        using var writer = OpenWriter(slotCount: 16);
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        Assert.True(reader.TryRead(out _) is false);
        for (var i = 1; i <= 100; i++)
        {
            _ = writer.PublishTrade(TradeAt(i));
        }

        Assert.True(reader.TryRead(out var record));
        Assert.Equal((100L, 99L), (record.Sequence, record.LostBefore));
        Assert.Equal((1L, 99L), (reader.Lapped, reader.Lost));
    }

    [Fact]
    public void ShouldReportEachLapSeparatelyAndSumTheLostCounts()
    {
        using var writer = OpenWriter(slotCount: 16);
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        for (var lap = 1; lap <= 3; lap++)
        {
            for (var i = 0; i < 50; i++)
            {
                _ = writer.PublishTrade(TradeAt(i));
            }

            Assert.True(reader.TryRead(out _));
        }

        // Reads at 50, 100, 150; lost 49 before the first, 49 before each next.
        Assert.Equal((3L, 147L), (reader.Lapped, reader.Lost));
    }

    [Fact]
    public void ShouldAllocateNothingPerPublishOrRead()
    {
        using var writer = OpenWriter(slotCount: 1024);
        using var reader = RingReader.Open(_ring.Path);
        PriceLevel[] levels = [new(1, 2), new(3, 4)];
        PublishAndReadAll(writer, reader, levels, 2_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PublishAndReadAll(writer, reader, levels, 100_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void PublishAndReadAll(RingWriter writer, RingReader reader, PriceLevel[] levels, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = writer.PublishTrade(TradeAt(i));
            _ = writer.PublishBookDelta(1, i, 0, levels, levels, RecordFlags.BatchEnd);
            _ = writer.PublishHeartbeat(i);
            while (reader.TryRead(out var record))
            {
                _ = record.Type switch
                {
                    RecordType.Trade => record.Trade.Price,
                    RecordType.BookDelta => record.Book.Bids[0].Price,
                    _ => record.HeartbeatWallClock,
                };
            }
        }
    }

    [Fact]
    public void ShouldRefuseAnInstrumentIdOutsideTheTable()
    {
        using var writer = OpenWriter();
        var error = Assert.Throws<SharedMemoryException>(() => writer.PublishTrade(TradeAt(1) with { InstrumentId = 2 }));
        Assert.Equal(SharedMemoryError.InvalidArgument, error.Error);
    }

    [Fact]
    public void ShouldRefuseASecondWriterInTheSameProcessAndNameThisPid()
    {
        using var writer = OpenWriter();
        var error = Assert.Throws<SharedMemoryException>(() => OpenWriter());
        Assert.Equal((SharedMemoryError.WriterActive, Environment.ProcessId), (error.Error, error.HolderPid));
    }

    [Fact]
    public void ShouldContinueSequenceUnderANewEpochWhenReopenedAfterACleanStop()
    {
        using (var first = OpenWriter())
        {
            _ = first.PublishTrade(TradeAt(1));
        }

        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        using var second = OpenWriter();
        _ = second.PublishTrade(TradeAt(2));
        Assert.Equal((false, 2u), (second.Created, second.Epoch));
        Assert.True(reader.TryRead(out var old));
        Assert.Equal((1L, 1u, false), (old.Sequence, old.Epoch, old.IsNewEpoch));
        Assert.True(reader.TryRead(out var fresh));
        Assert.Equal((2L, 2u, true), (fresh.Sequence, fresh.Epoch, fresh.IsNewEpoch));
        Assert.Equal(1, reader.EpochChanges);
    }

    [Fact]
    public void ShouldResolveTheRingDirectoryFromTheEnvironment()
    {
        Assert.Equal("/dev/shm/alphapulse/coinbase.ring", SharedMemoryPath.ForStream("/dev/shm/alphapulse", "coinbase"));
        Assert.Throws<SharedMemoryException>(() => SharedMemoryPath.ForStream("/tmp", "../etc"));
        var configured = Environment.GetEnvironmentVariable(SharedMemoryPath.EnvironmentVariable);
        Assert.Equal(string.IsNullOrWhiteSpace(configured) ? SharedMemoryPath.DefaultDirectory : configured, SharedMemoryPath.ResolveDirectory());
    }
}
