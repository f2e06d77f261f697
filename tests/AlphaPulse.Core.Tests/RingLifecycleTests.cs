using System.Text;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Opening, reopening and closing rings in one process: arguments, directories, epochs across
/// restarts, the writer lock across reopen and refusal, the instrument table's bytes, corrupt lengths.
/// </summary>
public sealed class RingLifecycleTests : IDisposable
{
    private static readonly RingOptions Options = new() { SlotCount = 16, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] };

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void ShouldRefuseMissingArgumentsBeforeTouchingTheFileSystem()
    {
        Assert.Throws<ArgumentNullException>(() => RingWriter.Open(_ring.Path, null!));
        Assert.ThrowsAny<ArgumentException>(() => RingWriter.Open(" ", Options));
        Assert.ThrowsAny<ArgumentException>(() => RingReader.Open(" "));
        Assert.False(File.Exists(_ring.Path));
    }

    [Fact]
    public void ShouldCreateTheRingsDirectoryOwnerFullGroupReadAndSearch()
    {
        var path = Path.Combine(_ring.Directory, "a", "b", "coinbase.ring");

        using var writer = RingWriter.Open(path, Options);

        Assert.True(writer.Created);
        var mode = File.GetUnixFileMode(Path.GetDirectoryName(path)!);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, mode);
    }

    [Fact]
    public void ShouldRefuseBookRecordsForAnInstrumentOutsideTheTable()
    {
        using var writer = RingWriter.Open(_ring.Path, Options);

        var delta = Assert.Throws<SharedMemoryException>(() => writer.PublishBookDelta(1, 0, 0, [new PriceLevel(1, 1)], [], RecordFlags.BatchEnd));
        var snapshot = Assert.Throws<SharedMemoryException>(() => writer.PublishBookSnapshot(1, 0, 0, [new PriceLevel(1, 1)], []));

        const string Message = "a record's instrument id is a row of the ring's instrument table: instrumentId=1, instruments=1 (declare the instrument in RingOptions.Instruments)";
        Assert.Equal((SharedMemoryError.InvalidArgument, Message, string.Empty), (delta.Error, delta.Message, delta.Path));
        Assert.Equal(Message, snapshot.Message);
        Assert.Equal(0, writer.LastSequence);
    }

    [Fact]
    public void ShouldCountEveryWriterRestartAReaderSeesAndFlagEachFirstRecord()
    {
        using var reader = RingReader.Open(CreateRing(), new ReaderOptions { Start = StartPosition.Oldest });
        for (var restart = 0; restart < 3; restart++)
        {
            using var writer = RingWriter.Open(_ring.Path, Options);
            _ = writer.PublishHeartbeat(restart);
            _ = writer.PublishHeartbeat(restart);
        }

        var seen = new List<(uint Epoch, bool IsNewEpoch)>();
        while (reader.TryRead(out var record))
        {
            seen.Add((record.Epoch, record.IsNewEpoch));
        }

        Assert.Equal([(2u, false), (2u, false), (3u, true), (3u, false), (4u, true), (4u, false)], seen);
        Assert.Equal(2, reader.EpochChanges);
    }

    [Fact]
    public void ShouldWrapTheEpochFromItsLargestValueToOne()
    {
        CreateRing();
        PatchHeader(RingDescriptor.EpochOffset, BitConverter.GetBytes(uint.MaxValue));

        using var writer = RingWriter.Open(_ring.Path, Options);

        Assert.Equal(1u, writer.Epoch);
    }

    [Fact]
    public void ShouldHoldTheWriterLockOfAReopenedRing()
    {
        CreateRing();
        using var writer = RingWriter.Open(_ring.Path, Options);

        var error = Assert.Throws<SharedMemoryException>(() => RingWriter.Open(_ring.Path, Options));
        Assert.Equal(SharedMemoryError.WriterActive, error.Error);
    }

    [Fact]
    public void ShouldReleaseTheWriterLockWhenRefusingAnotherGeometry()
    {
        CreateRing();
        var error = Assert.Throws<SharedMemoryException>(() => RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 32 }));
        Assert.Equal(SharedMemoryError.GeometryMismatch, error.Error);

        using var writer = RingWriter.Open(_ring.Path, Options);
        Assert.Equal(2u, writer.Epoch);
    }

    [Fact]
    public void ShouldCreateARingOf65536SlotsOf256BytesByDefault()
    {
        using var writer = RingWriter.Open(_ring.Path, new RingOptions());
        using var reader = RingReader.Open(_ring.Path);

        Assert.Equal((64 * 1024, 256), (reader.SlotCount, reader.SlotSize));
    }

    [Fact]
    public void ShouldDisposeWritersAndReadersMoreThanOnceWithoutHarm()
    {
        var writer = RingWriter.Open(_ring.Path, Options);
        var reader = RingReader.Open(_ring.Path);
        writer.Dispose();
        writer.Dispose();
        reader.Dispose();
        reader.Dispose();

        using var successor = RingWriter.Open(_ring.Path, Options);
        Assert.Equal(2u, successor.Epoch);
    }

    [Fact]
    public void ShouldCloseNoDescriptorOfTheProcessButItsOwnWhenAReaderIsDisposed()
    {
        using var writer = RingWriter.Open(_ring.Path, Options);
        var standard = StandardDescriptors();

        RingReader.Open(_ring.Path).Dispose();

        Assert.Equal(standard, StandardDescriptors());
    }

    [Fact]
    public void ShouldClampACorruptPayloadLengthToTheSlot()
    {
        using var writer = RingWriter.Open(_ring.Path, Options);
        using var reader = RingReader.Open(_ring.Path);
        var sequence = writer.PublishHeartbeat(5);
        PatchHeader(RingDescriptor.HeaderLength(Options.InstrumentCapacity) + ((sequence % 16) * 256) + SlotDescriptor.PayloadLengthOffset, BitConverter.GetBytes(ushort.MaxValue));

        Assert.True(reader.TryRead(out var record));
        Assert.Equal((256 - SlotDescriptor.HeaderLength, 256), (record.PayloadLength, record.Bytes.Length));
    }

    [Fact]
    public void ShouldWriteEachInstrumentInItsOwnZeroPaddedRowOfTheTable()
    {
        RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 16, Instruments = [new("BTC-USD", 2, 8), new("ETH-USD-PERPETUAL", 4, 6)] }).Dispose();
        RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 16, Instruments = [new("BTC-USD", 2, 8), new("ETH", 4, 6)] }).Dispose();

        var bytes = File.ReadAllBytes(_ring.Path);
        var row = bytes.AsSpan(RingDescriptor.InstrumentTableOffset + RingDescriptor.InstrumentEntrySize, RingDescriptor.InstrumentEntrySize);
        Assert.Equal("ETH" + new string('\0', 29), Encoding.UTF8.GetString(row[..32]));
        Assert.Equal([3, 4, 6], row[32..35].ToArray());
    }

    private string CreateRing()
    {
        RingWriter.Open(_ring.Path, Options).Dispose();
        return _ring.Path;
    }

    private void PatchHeader(long offset, byte[] bytes)
    {
        using var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }

    /// <summary>What this process's stdin, stdout and stderr point at (<c>/proc/self/fd</c>); a closed one reads as null.</summary>
    private static string?[] StandardDescriptors() =>
        [.. Enumerable.Range(0, 3).Select(fd => new FileInfo($"/proc/self/fd/{fd}") is { Exists: true } link ? link.LinkTarget : null)];
}
