using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Book deltas and snapshots longer than one slot, at the chunk boundaries (n×max−1, n×max, n×max+1
/// levels): readers reassemble exactly the levels published, bids before asks, with the first and last
/// records flagged and every chunk numbered (docs/shm-format.md §5).
/// </summary>
public sealed class ChunkBoundaryTests : IDisposable
{
    private readonly TempRing _ring = new();
    private readonly RingWriter _writer;
    private readonly RingReader _reader;

    public ChunkBoundaryTests()
    {
        _writer = RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 256, Instruments = [new InstrumentSpec("BTC-USD", 2, 8), new InstrumentSpec("ETH-USD", 2, 8)] });
        _reader = RingReader.Open(_ring.Path);
    }

    public static TheoryData<int> BoundaryLevelCounts()
    {
        var data = new TheoryData<int>();
        foreach (var chunks in new[] { 1, 2, 3 })
        {
            foreach (var offset in new[] { -1, 0, 1 })
            {
                data.Add((chunks * MaxLevels) + offset);
            }
        }

        return data;
    }

    /// <summary>Levels per record in a 256-byte slot (the default): 13 minus the book header.</summary>
    private const int MaxLevels = 12;

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _ring.Dispose();
    }

    [Fact]
    public void ShouldCarryTwelveLevelsPerRecordInTheDefaultSlot() => Assert.Equal(MaxLevels, _writer.MaxLevelsPerRecord);

    [Theory]
    [MemberData(nameof(BoundaryLevelCounts))]
    public void ShouldSplitADeltaIntoAsFewRecordsAsFitAndReassembleItExactly(int levels)
    {
        var (bids, asks) = Levels(levels);
        var last = _writer.PublishBookDelta(1, exchangeTime: 77, exchangeSequence: 4242, bids, asks, RecordFlags.BookReset | RecordFlags.BatchEnd);

        var records = ReadAll();
        var expectedRecords = (levels + MaxLevels - 1) / MaxLevels;
        Assert.Equal(expectedRecords, records.Count);
        Assert.Equal(records[^1].Sequence, last);
        Assert.All(records, record => Assert.Equal((RecordType.BookDelta, (ushort)1, 77L, 4242L), (record.Type, record.InstrumentId, record.ExchangeTime, record.ExchangeSequence)));
        Assert.Equal(FlagsOf(expectedRecords, RecordFlags.BookReset, RecordFlags.BatchEnd), records.Select(record => record.Flags));
        Assert.Equal(bids, records.SelectMany(record => record.Bids));
        Assert.Equal(asks, records.SelectMany(record => record.Asks));
        Assert.All(records.SkipLast(1), record => Assert.Equal(MaxLevels, record.Bids.Length + record.Asks.Length));
    }

    [Theory]
    [MemberData(nameof(BoundaryLevelCounts))]
    public void ShouldNumberEverySnapshotChunkAndAdvertiseTheFirst(int levels)
    {
        var (bids, asks) = Levels(levels);
        var first = _writer.PublishBookSnapshot(0, exchangeTime: 5, exchangeSequence: 99, bids, asks);

        var records = ReadAll();
        var chunks = (levels + MaxLevels - 1) / MaxLevels;
        Assert.Equal(chunks, records.Count);
        Assert.Equal(records[0].Sequence, first);
        Assert.Equal(Enumerable.Range(0, chunks), records.Select(record => record.ChunkIndex));
        Assert.All(records, record => Assert.Equal((RecordType.BookSnapshot, chunks, 5L, 99L), (record.Type, record.ChunkCount, record.ExchangeTime, record.ExchangeSequence)));
        Assert.Equal(FlagsOf(chunks, RecordFlags.BookReset, RecordFlags.LastChunk | RecordFlags.BatchEnd), records.Select(record => record.Flags));
        Assert.Equal(bids, records.SelectMany(record => record.Bids));
        Assert.Equal(asks, records.SelectMany(record => record.Asks));

        using var late = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.LatestSnapshot });
        Assert.Equal(first, late.Position);
    }

    [Fact]
    public void ShouldPublishAnEmptyBookAsOneCompleteSnapshotChunk()
    {
        var first = _writer.PublishBookSnapshot(1, 5, 0, [], []);

        var record = Assert.Single(ReadAll());
        Assert.Equal((first, 0, 1, RecordFlags.BookReset | RecordFlags.LastChunk | RecordFlags.BatchEnd), (record.Sequence, record.ChunkIndex, record.ChunkCount, record.Flags));
        Assert.Empty(record.Bids);
        Assert.Empty(record.Asks);
    }

    [Fact]
    public void ShouldPublishAnEmptyDeltaAsOneRecordWithTheCallersFlags()
    {
        _ = _writer.PublishBookDelta(0, 5, 0, [], [], RecordFlags.BatchEnd);

        var record = Assert.Single(ReadAll());
        Assert.Equal((RecordFlags.BatchEnd, 0, 0), (record.Flags, record.Bids.Length, record.Asks.Length));
    }

    [Fact]
    public void ShouldRefuseASnapshotOfMoreThan65535ChunksAndPublishNothing()
    {
        var bids = new PriceLevel[(ushort.MaxValue * MaxLevels) + 1];

        var error = Assert.Throws<SharedMemoryException>(() => _writer.PublishBookSnapshot(0, 5, 0, bids, []));
        Assert.Contains("at most 65535 chunks", error.Message, StringComparison.Ordinal);
        Assert.Empty(ReadAll());
        Assert.Equal(0, _writer.LastSequence);
    }

    [Fact]
    public void ShouldPublishASnapshotOfExactly65535Chunks()
    {
        using var writer = ReopenWithSlots(1 << 17);
        var bids = Enumerable.Range(1, ushort.MaxValue * MaxLevels).Select(i => new PriceLevel(i, 1)).ToArray();

        var first = writer.PublishBookSnapshot(0, 5, 0, bids, []);
        Assert.Equal((1L, (long)ushort.MaxValue), (first, writer.LastSequence));
    }

    private RingWriter ReopenWithSlots(int slotCount)
    {
        _writer.Dispose();
        var path = System.IO.Path.Combine(_ring.Directory, "large.ring");
        return RingWriter.Open(path, new RingOptions { SlotCount = slotCount, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] });
    }

    /// <summary>Distinct levels, the first half bids and the rest asks, so a level in the wrong place or chunk shows.</summary>
    private static (PriceLevel[] Bids, PriceLevel[] Asks) Levels(int count)
    {
        var levels = Enumerable.Range(1, count).Select(i => new PriceLevel(10_000 + i, i)).ToArray();
        return (levels[..(count / 2)], levels[(count / 2)..]);
    }

    private static List<RecordFlags> FlagsOf(int records, RecordFlags first, RecordFlags last)
    {
        var flags = Enumerable.Repeat(RecordFlags.None, records).ToList();
        flags[0] |= first;
        flags[^1] |= last;
        return flags;
    }

    private List<BookRecord> ReadAll()
    {
        var records = new List<BookRecord>();
        while (_reader.TryRead(out var record))
        {
            var book = record.Book;
            records.Add(new BookRecord(record.Sequence, record.Type, record.InstrumentId, record.Flags, book.ExchangeTime, book.ExchangeSequence, book.ChunkIndex, book.ChunkCount, book.Bids.ToArray(), book.Asks.ToArray()));
        }

        return records;
    }

    private sealed record BookRecord(long Sequence, RecordType Type, ushort InstrumentId, RecordFlags Flags, long ExchangeTime, long ExchangeSequence, int ChunkIndex, int ChunkCount, PriceLevel[] Bids, PriceLevel[] Asks);
}
