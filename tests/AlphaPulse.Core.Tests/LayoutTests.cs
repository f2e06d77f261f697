using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>Every mapped or padded layout in one place, checked against docs/shm-format.md.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void ShouldLayOutHeaderExactlyAsSpecified()
    {
        (string Field, int Actual, int Expected)[] fields =
        [
            ("Magic", RingDescriptor.MagicOffset, 0),
            ("Version", RingDescriptor.VersionOffset, 8),
            ("HeaderLength", RingDescriptor.HeaderLengthOffset, 12),
            ("SlotSize", RingDescriptor.SlotSizeOffset, 16),
            ("SlotCount", RingDescriptor.SlotCountOffset, 20),
            ("InstrumentCapacity", RingDescriptor.InstrumentCapacityOffset, 24),
            ("FileLength", RingDescriptor.FileLengthOffset, 32),
            ("Epoch", RingDescriptor.EpochOffset, 64),
            ("EpochStartSequence", RingDescriptor.EpochStartSequenceOffset, 72),
            ("WriterPid", RingDescriptor.WriterPidOffset, 80),
            ("InstrumentCount", RingDescriptor.InstrumentCountOffset, 84),
            ("WriterStartUnixMs", RingDescriptor.WriterStartUnixMsOffset, 88),
            ("PublishedSequence", RingDescriptor.PublishedSequenceOffset, 128),
            ("LatestSnapshot", RingDescriptor.LatestSnapshotOffset, 256),
            ("InstrumentTable", RingDescriptor.InstrumentTableOffset, 512),
            ("InstrumentEntrySize", RingDescriptor.InstrumentEntrySize, 64),
            ("InstrumentSymbol", RingDescriptor.InstrumentSymbolOffset, 0),
            ("InstrumentSymbolLength", RingDescriptor.InstrumentSymbolLengthOffset, 32),
            ("InstrumentPriceScale", RingDescriptor.InstrumentPriceScaleOffset, 33),
            ("InstrumentSizeScale", RingDescriptor.InstrumentSizeScaleOffset, 34),
        ];

        Assert.All(fields, f => Assert.True(f.Actual == f.Expected, $"{f.Field}: offset {f.Actual}, spec {f.Expected}"));
        Assert.Equal(0x474E_524D_4853_5041UL, BitConverter.ToUInt64("APSHMRNG"u8));
    }

    [Fact]
    public void ShouldLayOutSlotAndPayloadsExactlyAsSpecified()
    {
        (string Field, int Actual, int Expected)[] fields =
        [
            ("Sequence", SlotDescriptor.SequenceOffset, 0),
            ("PublishTime", SlotDescriptor.PublishTimeOffset, 8),
            ("Epoch", SlotDescriptor.EpochOffset, 16),
            ("InstrumentId", SlotDescriptor.InstrumentIdOffset, 20),
            ("Type", SlotDescriptor.TypeOffset, 22),
            ("Flags", SlotDescriptor.FlagsOffset, 23),
            ("PayloadLength", SlotDescriptor.PayloadLengthOffset, 24),
            ("Payload", SlotDescriptor.PayloadOffset, 32),
            ("TradePrice", SlotDescriptor.TradePriceOffset, 0),
            ("TradeSize", SlotDescriptor.TradeSizeOffset, 8),
            ("TradeId", SlotDescriptor.TradeIdOffset, 16),
            ("TradeExchangeTime", SlotDescriptor.TradeExchangeTimeOffset, 24),
            ("TradeReceiveTime", SlotDescriptor.TradeReceiveTimeOffset, 32),
            ("TradeSide", SlotDescriptor.TradeSideOffset, 40),
            ("TradeLength", SlotDescriptor.TradeLength, 48),
            ("BookExchangeTime", SlotDescriptor.BookExchangeTimeOffset, 0),
            ("BookBidCount", SlotDescriptor.BookBidCountOffset, 8),
            ("BookAskCount", SlotDescriptor.BookAskCountOffset, 9),
            ("BookChunkIndex", SlotDescriptor.BookChunkIndexOffset, 10),
            ("BookChunkCount", SlotDescriptor.BookChunkCountOffset, 12),
            ("BookLevels", SlotDescriptor.BookLevelsOffset, 16),
            ("LevelSize", SlotDescriptor.LevelSize, 16),
            ("HeartbeatWallClock", SlotDescriptor.HeartbeatWallClockOffset, 0),
            ("HeartbeatLength", SlotDescriptor.HeartbeatLength, 8),
        ];

        Assert.All(fields, f => Assert.True(f.Actual == f.Expected, $"{f.Field}: offset {f.Actual}, spec {f.Expected}"));
        Assert.Equal(13, SlotDescriptor.MaxLevels(256));
        Assert.Equal(5, SlotDescriptor.MaxLevels(128));
    }

    [Fact]
    public void ShouldStorePriceLevelAsPriceThenSizeInSixteenBytes()
    {
        Assert.Equal(16, Unsafe.SizeOf<PriceLevel>());
        ReadOnlySpan<PriceLevel> level = [new PriceLevel(-7, 9)];
        Assert.Equal([-7L, 9L], MemoryMarshal.Cast<PriceLevel, long>(level).ToArray());
    }

    [Fact]
    public void ShouldKeepPublishedSequenceAloneInItsOwnTwoCacheLines()
    {
        Assert.Equal(0, RingDescriptor.PublishedSequenceOffset % (2 * RingDescriptor.CacheLine));
        Assert.True(RingDescriptor.WriterStartUnixMsOffset + sizeof(long) <= RingDescriptor.PublishedSequenceOffset);
        Assert.Equal(RingDescriptor.PublishedSequenceOffset + (2 * RingDescriptor.CacheLine), RingDescriptor.LatestSnapshotOffset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(65535)]
    public void ShouldStartSlotsOnACacheLineForAnyInstrumentCapacity(int capacity)
    {
        Assert.Equal(0, RingDescriptor.HeaderLength(capacity) % RingDescriptor.CacheLine);
        Assert.Equal(RingDescriptor.HeaderLength(capacity) + (256L * 1024), RingDescriptor.FileLength(256, 1024, capacity));
    }
}
