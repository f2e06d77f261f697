using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>A record copied out of the ring and viewed again, and a record read as the wrong type.</summary>
public sealed class RecordViewTests : IDisposable
{
    private readonly TempRing _ring = new();
    private readonly RingWriter _writer;
    private readonly RingReader _reader;

    public RecordViewTests()
    {
        _writer = RingWriter.Open(_ring.Path, new RingOptions { SlotCount = 16, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] });
        _reader = RingReader.Open(_ring.Path);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _ring.Dispose();
    }

    [Fact]
    public void ShouldViewACopiedRecordOfExactlyItsOwnLengthAndNoMore()
    {
        var bytes = CopyOfNextRecord(() => _writer.PublishHeartbeat(42));
        var padded = new byte[bytes.Length + 10];
        bytes.CopyTo(padded, 0);

        Assert.True(RecordView.TryParse(bytes, out var exact));
        Assert.Equal((42L, 0L, false), (exact.HeartbeatWallClock, exact.LostBefore, exact.IsNewEpoch));
        Assert.True(RecordView.TryParse(padded, out var longer));
        Assert.Equal(bytes.Length, longer.Bytes.Length);
        Assert.False(RecordView.TryParse(bytes.AsSpan(0, bytes.Length - 1), out _));
    }

    [Fact]
    public void ShouldViewAHeaderWithAnEmptyPayloadButNotLess()
    {
        var header = new byte[SlotDescriptor.HeaderLength];

        Assert.True(RecordView.TryParse(header, out var record));
        Assert.Equal((RecordType.None, 0), (record.Type, record.PayloadLength));
        Assert.False(RecordView.TryParse(header.AsSpan(0, SlotDescriptor.HeaderLength - 1), out _));
    }

    [Fact]
    public void ShouldRefuseToReadARecordAsAnotherType()
    {
        var trade = CopyOfNextRecord(() => _writer.PublishTrade(new Trade(0, 1, 2, TradeSide.Buy, 3, 4, 5)));
        var heartbeat = CopyOfNextRecord(() => _writer.PublishHeartbeat(1));

        var error = Assert.Throws<InvalidOperationException>(() => View(heartbeat).Trade);
        Assert.Equal("a record is read only as its own type: expected=Trade, actual=Heartbeat (switch on RecordView.Type first)", error.Message);
        Assert.Throws<InvalidOperationException>(() => View(trade).HeartbeatWallClock);
        Assert.Throws<InvalidOperationException>(() => View(trade).Book.ExchangeTime);
    }

    [Fact]
    public void ShouldLeaveThePathOfAnExceptionWithoutOneEmpty() =>
        Assert.Equal(string.Empty, new SharedMemoryException("no path").Path);

    private static RecordView View(byte[] bytes) => RecordView.TryParse(bytes, out var record) ? record : throw new InvalidOperationException("not a record");

    private byte[] CopyOfNextRecord(Func<long> publish)
    {
        _ = publish();
        Assert.True(_reader.TryRead(out var record));
        return record.Bytes.ToArray();
    }
}
