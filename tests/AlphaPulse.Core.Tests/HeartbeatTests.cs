using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>Heartbeats: the writer's wall clock reaches readers in a record of its own.</summary>
public sealed class HeartbeatTests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData(1_764_500_000_123_456_789L)]
    [InlineData(-1L)]
    public void ShouldCarryTheWritersWallClockToReaders(long wallClockUnixNs)
    {
        using var writer = RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 16, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] });
        using var reader = RingReader.Open(_ring.Path);

        var sequence = writer.PublishHeartbeat(wallClockUnixNs);

        Assert.True(reader.TryRead(out var record));
        Assert.Equal((sequence, RecordType.Heartbeat, RecordFlags.None, (ushort)0), (record.Sequence, record.Type, record.Flags, record.InstrumentId));
        Assert.Equal((SlotDescriptor.HeartbeatLength, wallClockUnixNs), (record.PayloadLength, record.HeartbeatWallClock));
        Assert.Equal(writer.Epoch, record.Epoch);
    }
}
