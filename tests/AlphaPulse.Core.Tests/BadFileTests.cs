using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>Every kind of bad file is refused with its own error and a message naming the path.</summary>
public sealed class BadFileTests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private static RingOptions Options(int slotCount = 64) => new() { SlotSize = 128, SlotCount = slotCount, Instruments = [new InstrumentSpec("X", 0, 0)] };

    private void CreateValidRing() => RingWriter.Open(_ring.Path, Options()).Dispose();

    private void Patch(int offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }

    private void Resize(long length)
    {
        using var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    private static SharedMemoryException AssertRefused(SharedMemoryError expected, Action open)
    {
        var error = Assert.Throws<SharedMemoryException>(open);
        Assert.Equal(expected, error.Error);
        return error;
    }

    private SharedMemoryException AssertReaderRefused(SharedMemoryError expected)
    {
        var error = AssertRefused(expected, () => RingReader.Open(_ring.Path).Dispose());
        Assert.Contains(_ring.Path, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void ShouldRefuseWrongMagic()
    {
        CreateValidRing();
        Patch(0, "NOTARING"u8);
        Assert.Contains("magic", AssertReaderRefused(SharedMemoryError.WrongMagic).Message, StringComparison.Ordinal);
        AssertRefused(SharedMemoryError.WrongMagic, () => RingWriter.Open(_ring.Path, Options()).Dispose());
    }

    [Fact]
    public void ShouldRefuseANewerVersionTellingToUpgradeTheReader()
    {
        CreateValidRing();
        Patch(RingDescriptor.VersionOffset, BitConverter.GetBytes(RingDescriptor.FormatVersion + 1));
        Assert.Contains($"version={RingDescriptor.FormatVersion + 1}, supported={RingDescriptor.FormatVersion} (upgrade this reader to the writer's build",
            AssertReaderRefused(SharedMemoryError.WrongVersion).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseGeometryThatIsNotAPowerOfTwoRing()
    {
        CreateValidRing();
        Patch(RingDescriptor.SlotCountOffset, BitConverter.GetBytes(1000));
        Assert.Contains("slotCount=1000", AssertReaderRefused(SharedMemoryError.BadGeometry).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseATruncatedFile()
    {
        CreateValidRing();
        var length = new FileInfo(_ring.Path).Length;
        Resize(length - 1);
        Assert.Contains($"length={length - 1}", AssertReaderRefused(SharedMemoryError.WrongLength).Message, StringComparison.Ordinal);
        Resize(100);
        AssertReaderRefused(SharedMemoryError.WrongLength);
    }

    [Fact]
    public void ShouldRefuseAZeroLengthFileForReading()
    {
        File.WriteAllBytes(_ring.Path, []);
        AssertReaderRefused(SharedMemoryError.ZeroLength);
    }

    [Fact]
    public void ShouldRefuseADirectoryForReadingAndWriting()
    {
        Directory.CreateDirectory(_ring.Path);
        AssertReaderRefused(SharedMemoryError.NotRegularFile);
        AssertRefused(SharedMemoryError.NotRegularFile, () => RingWriter.Open(_ring.Path, Options()).Dispose());
    }

    [Fact]
    public void ShouldRefuseADeviceFile() =>
        AssertRefused(SharedMemoryError.NotRegularFile, () => RingReader.Open("/dev/null").Dispose());

    [Fact]
    public void ShouldRefuseAMissingFileForReading() => AssertReaderRefused(SharedMemoryError.NotFound);

    [Fact]
    public void ShouldRefuseToReopenARingWithAnotherGeometry()
    {
        CreateValidRing();
        var error = AssertRefused(SharedMemoryError.GeometryMismatch, () => RingWriter.Open(_ring.Path, Options(slotCount: 128)).Dispose());
        Assert.Contains("slotCount=64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 64)]
    [InlineData(256, 1000)]
    [InlineData(256, 1)]
    public void ShouldRefuseInvalidOptionsBeforeTouchingTheFile(int slotSize, int slotCount)
    {
        AssertRefused(SharedMemoryError.InvalidArgument, () => RingWriter.Open(_ring.Path, new RingOptions { SlotSize = slotSize, SlotCount = slotCount }).Dispose());
        Assert.False(File.Exists(_ring.Path));
    }
}
