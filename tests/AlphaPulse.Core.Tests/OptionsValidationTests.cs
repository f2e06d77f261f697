using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Ring options and stream paths are checked before any file is touched: each rule at its boundary,
/// refused with the rule, the values and the fix, and the path it was refused for.
/// </summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(4096)]
    public void ShouldAcceptSlotSizesThatAreMultiplesOf64From128To4096(int slotSize) =>
        AssertAccepted(new RingOptions { SlotSize = slotSize, SlotCount = 2 });

    [Theory]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(200)]
    [InlineData(4160)]
    public void ShouldRefuseOtherSlotSizes(int slotSize) =>
        AssertRefused(new RingOptions { SlotSize = slotSize, SlotCount = 2 }, $"slot size must be a multiple of 64 in [128, 4096]: slotSize={slotSize} (use 256)");

    [Theory]
    [InlineData(2)]
    [InlineData(1024)]
    public void ShouldAcceptSlotCountsThatArePowersOfTwo(int slotCount) =>
        AssertAccepted(new RingOptions { SlotSize = 128, SlotCount = slotCount });

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    [InlineData(1000, 1024)]
    [InlineData(1 << 25, 1 << 25)]
    public void ShouldRefuseOtherSlotCountsAndSuggestThePowerOfTwoAbove(int slotCount, int suggested) =>
        AssertRefused(new RingOptions { SlotCount = slotCount }, $"slot count must be a power of two in [2, 16777216]: slotCount={slotCount} (use {suggested})");

    [Theory]
    [InlineData(0, 0)]
    [InlineData(65536, 1)]
    [InlineData(1, 2)]
    public void ShouldRefuseAnInstrumentCapacityOutsideTheRangeOrTooSmallForTheInstruments(int capacity, int instruments) =>
        AssertRefused(
            new RingOptions { SlotCount = 2, InstrumentCapacity = capacity, Instruments = [.. Enumerable.Range(0, instruments).Select(i => new InstrumentSpec($"S{i}", 2, 8))] },
            $"instrument capacity must be in [1, 65535] and hold every instrument: capacity={capacity}, instruments={instruments} (raise InstrumentCapacity)");

    [Fact]
    public void ShouldAcceptAnInstrumentTableFilledToCapacity() =>
        AssertAccepted(new RingOptions { SlotSize = 128, SlotCount = 2, InstrumentCapacity = 2, Instruments = [new("A", 0, 0), new("B", 18, 18)] });

    [Theory]
    [InlineData("", 2, 8, 0)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", 2, 8, 33)]
    [InlineData("€€€€€€€€€€€", 2, 8, 33)]
    [InlineData("BTC-USD", 19, 8, 7)]
    [InlineData("BTC-USD", 2, 19, 7)]
    public void ShouldRefuseSymbolsOutside1To32Utf8BytesAndScalesAbove18(string symbol, byte priceScale, byte sizeScale, int bytes) =>
        AssertRefused(
            new RingOptions { SlotCount = 2, Instruments = [new("OK", 2, 8), new(symbol, priceScale, sizeScale)] },
            $"instrument symbol must be 1–32 UTF-8 bytes and scales in [0, 18]: symbol='{symbol}', bytes={bytes}, priceScale={priceScale}, sizeScale={sizeScale} (shorten the symbol or lower the scale)");

    [Fact]
    public void ShouldAcceptASymbolOfExactly32Utf8Bytes() =>
        AssertAccepted(new RingOptions { SlotSize = 128, SlotCount = 2, Instruments = [new("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", 18, 0)] });

    [Fact]
    public void ShouldNameAStreamFileInsideTheDirectory()
    {
        Assert.Equal("/dev/shm/x/kraken.ring", SharedMemoryPath.ForStream("/dev/shm/x", "kraken"));
        Assert.Equal(Path.Combine(SharedMemoryPath.ResolveDirectory(), "binance-a.ring"), SharedMemoryPath.ForStream("binance-a"));
        Assert.Equal("/tmp/....ring", SharedMemoryPath.ForStream("/tmp", "..."));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/etc")]
    [InlineData("a\0b")]
    [InlineData(".")]
    [InlineData("..")]
    public void ShouldRefuseAStreamNameThatIsNotOneFileName(string stream)
    {
        var error = Assert.Throws<SharedMemoryException>(() => SharedMemoryPath.ForStream("/tmp", stream));
        Assert.Equal(SharedMemoryError.InvalidArgument, error.Error);
        Assert.Equal($"a stream name is one file name: stream='{stream}' (use letters, digits, '-' and '_')", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void ShouldRefuseABlankStreamName(string stream) =>
        Assert.ThrowsAny<ArgumentException>(() => SharedMemoryPath.ForStream("/tmp", stream));

    [Theory]
    [InlineData("/dev/shm/alphapulse/coinbase-a.ring", "a")]
    [InlineData("coinbase-replica-2.ring", "replica-2")]
    [InlineData("coinbase-.ring", null)]
    [InlineData("coinbase.ring", null)]
    [InlineData("kraken-a.ring", null)]
    [InlineData("coinbase-a.ring.tmp", null)]
    [InlineData("xcoinbase-a.ring", null)]
    public void ShouldNameTheReplicaOfACollectorRingOrNothing(string path, string? replica) =>
        Assert.Equal(replica, SharedMemoryPath.ReplicaOf(path, "coinbase"));

    private void AssertAccepted(RingOptions options)
    {
        using var writer = RingWriter.Open(_ring.Path, options);
        Assert.True(writer.Created);
    }

    private void AssertRefused(RingOptions options, string message)
    {
        var error = Assert.Throws<SharedMemoryException>(() => RingWriter.Open(_ring.Path, options));
        Assert.Equal((SharedMemoryError.InvalidArgument, _ring.Path, message), (error.Error, error.Path, error.Message));
        Assert.False(File.Exists(_ring.Path), "a refused writer must not create the file");
    }
}
