using System.Buffers.Binary;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>What format version 3 adds (docs/shm-format.md §3, §5, §7, §10), checked against the file's bytes.</summary>
public sealed class FormatVersion3Tests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private RingWriter OpenWriter(int slotCount = 64, int slotSize = 256, int instruments = 3) => RingWriter.Open(_ring.Path, new RingOptions
    {
        SlotSize = slotSize,
        SlotCount = slotCount,
        Instruments = [.. Enumerable.Range(0, instruments).Select(i => new InstrumentSpec($"I-{i}", 0, 0))],
    });

    private long RowSnapshot(int id)
    {
        var bytes = File.ReadAllBytes(_ring.Path);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(RingDescriptor.InstrumentEntryOffset(id) + RingDescriptor.InstrumentLatestSnapshotOffset));
    }

    [Fact]
    public void ShouldPlaceEachInstrumentsNewestSnapshotAtRowOffset40()
    {
        Assert.Equal((3, 40), (RingDescriptor.FormatVersion, RingDescriptor.InstrumentLatestSnapshotOffset));
        using var writer = OpenWriter();
        var first = writer.PublishBookSnapshot(1, 0, 0, [new PriceLevel(10, 1)], [new PriceLevel(11, 1)]);
        _ = writer.PublishTrade(new Trade(0, 1, 1, TradeSide.Buy, 1, 1, 1));
        var second = writer.PublishBookSnapshot(1, 0, 0, [new PriceLevel(10, 2)], [new PriceLevel(11, 2)]);
        var other = writer.PublishBookSnapshot(2, 0, 0, [new PriceLevel(20, 1)], []);

        Assert.Equal((0L, second, other), (RowSnapshot(0), RowSnapshot(1), RowSnapshot(2)));
        Assert.True(second > first);
    }

    [Fact]
    public void ShouldAdvertiseTheFirstChunkOfTheNewestSnapshotOfAnyInstrumentInTheHeaderAt256()
    {
        using var writer = OpenWriter(slotSize: 128);
        _ = writer.PublishBookSnapshot(1, 0, 0, [new PriceLevel(10, 1)], []);
        var deep = Enumerable.Range(1, 10).Select(i => new PriceLevel(100 - i, i)).ToArray();
        var newest = writer.PublishBookSnapshot(0, 0, 0, deep, deep);
        _ = writer.PublishTrade(new Trade(0, 1, 1, TradeSide.Buy, 1, 1, 1));

        var header = BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(_ring.Path).AsSpan(RingDescriptor.LatestSnapshotOffset));
        Assert.Equal((256, newest), (RingDescriptor.LatestSnapshotOffset, header));
        Assert.True(writer.LastSequence > newest + 1, "the snapshot spans several records, so its first chunk is not its last");
    }

    [Fact]
    public void ShouldClearEveryRowsSnapshotWhenAWriterRestarts()
    {
        using (var writer = OpenWriter())
        {
            _ = writer.PublishBookSnapshot(0, 0, 0, [new PriceLevel(10, 1)], []);
        }

        using var restarted = OpenWriter();

        Assert.Equal(0L, RowSnapshot(0));
    }

    [Fact]
    public void ShouldNumberTheRecordsOfAMultiRecordDeltaAsSnapshotChunksAreNumbered()
    {
        using var writer = OpenWriter();
        using var reader = RingReader.Open(_ring.Path);
        var bids = Enumerable.Range(1, 20).Select(i => new PriceLevel(1000 - i, i)).ToArray();
        var asks = Enumerable.Range(1, 10).Select(i => new PriceLevel(1000 + i, i)).ToArray();
        _ = writer.PublishBookDelta(0, 5, 7, bids, asks, RecordFlags.BookReset | RecordFlags.BatchEnd);

        var parts = new List<(int Index, int Count, RecordFlags Flags, int Bids, int Asks)>();
        while (reader.TryRead(out var record))
        {
            parts.Add((record.Book.ChunkIndex, record.Book.ChunkCount, record.Flags, record.Book.Bids.Length, record.Book.Asks.Length));
        }

        // 12 levels a 256-byte record: bids fill the first record and run on into asks in the second.
        Assert.Equal([(0, 3, RecordFlags.BookReset, 12, 0), (1, 3, RecordFlags.None, 8, 4), (2, 3, RecordFlags.BatchEnd, 0, 6)], parts);
    }

    [Fact]
    public void ShouldRefuseAVersion2RingSayingAnOlderWriterMadeItAndHowToFixIt()
    {
        OpenWriter().Dispose();
        using (var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = RingDescriptor.VersionOffset;
            stream.Write(BitConverter.GetBytes(2));
        }

        var reader = Assert.Throws<SharedMemoryException>(() => RingReader.Open(_ring.Path).Dispose());
        var writer = Assert.Throws<SharedMemoryException>(() => OpenWriter().Dispose());

        Assert.Equal((SharedMemoryError.WrongVersion, SharedMemoryError.WrongVersion), (reader.Error, writer.Error));
        Assert.Contains("version=2, supported=3 (the file was written by an older writer: stop it, delete the file", reader.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldResumeALappedReaderAtTheOldestOfTheInstrumentsNewestSnapshots()
    {
        using var writer = OpenWriter(slotCount: 64);
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        for (var i = 0; i < 100; i++)
        {
            _ = writer.PublishTrade(new Trade(0, 1, 1, TradeSide.Buy, (ulong)i, 1, 1));
        }

        var snapshots = new long[3];
        for (var id = 0; id < 3; id++)
        {
            snapshots[id] = writer.PublishBookSnapshot((ushort)id, 0, 0, [new PriceLevel(10, 1)], []);
            for (var i = 0; i < 10; i++)
            {
                _ = writer.PublishTrade(new Trade((ushort)id, 1, 1, TradeSide.Buy, (ulong)i, 1, 1));
            }
        }

        Assert.True(reader.TryRead(out var record));

        // Instrument 0's newest snapshot is the oldest of the three still in the ring: every book comes back from there.
        Assert.Equal((snapshots[0], RecordType.BookSnapshot, (ushort)0), (record.Sequence, record.Type, record.InstrumentId));
        Assert.Equal((snapshots[0] - 1, 1L), (record.LostBefore, reader.Lapped));
    }

    [Fact]
    public void ShouldResumeAtTheOldestSnapshotStillInTheRingWhenAnInstrumentsNewestHasLeftIt()
    {
        using var writer = OpenWriter(slotCount: 64);
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        _ = writer.PublishBookSnapshot(0, 0, 0, [new PriceLevel(10, 1)], []);
        for (var i = 0; i < 100; i++)
        {
            _ = writer.PublishTrade(new Trade(0, 1, 1, TradeSide.Buy, (ulong)i, 1, 1));
        }

        var second = writer.PublishBookSnapshot(1, 0, 0, [new PriceLevel(10, 1)], []);
        _ = writer.PublishTrade(new Trade(1, 1, 1, TradeSide.Buy, 1, 1, 1));
        using var latest = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });

        Assert.True(reader.TryRead(out var record));
        Assert.Equal(second, record.Sequence);
        Assert.Equal(second, latest.Position);
    }
}
