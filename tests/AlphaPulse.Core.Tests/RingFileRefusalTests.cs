using System.Diagnostics;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// What a refused open says: the operation, the file type, and the fix; and every geometry rule of the
/// header at its boundary (docs/shm-format.md §2), told apart from a file whose length does not match.
/// </summary>
public sealed class RingFileRefusalTests : IDisposable
{
    private static readonly RingOptions Options = new() { SlotSize = 128, SlotCount = 64, Instruments = [new InstrumentSpec("X", 0, 0)] };

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void ShouldTellAReaderOfAMissingRingToStartTheWriterFirst()
    {
        var error = Assert.Throws<SharedMemoryException>(() => RingReader.Open(_ring.Path));

        Assert.Equal(SharedMemoryError.NotFound, error.Error);
        Assert.Contains($"path={_ring.Path}, operation=open for reading, errno=2 (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(start the writer first, or check SHARED_MEMORY_PATH)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTellAWriterGivenADirectoryToOpenAStreamFileInsideIt()
    {
        Directory.CreateDirectory(_ring.Path);

        var error = Assert.Throws<SharedMemoryException>(() => RingWriter.Open(_ring.Path, Options));

        Assert.Equal(SharedMemoryError.NotRegularFile, error.Error);
        Assert.Contains("operation=open for writing, errno=21", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(point SHARED_MEMORY_PATH at a directory and open a stream file inside it)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheTypeOfAFileThatIsNotARing()
    {
        Directory.CreateDirectory(_ring.Path);
        var fifo = Path.Combine(_ring.Directory, "fifo.ring");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        Assert.Contains("type=directory", Refused(() => RingReader.Open(_ring.Path)), StringComparison.Ordinal);
        Assert.Contains("type=character device", Refused(() => RingReader.Open("/dev/null")), StringComparison.Ordinal);
        Assert.Contains("type=fifo", Refused(() => RingWriter.Open(fifo, Options)), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseASocketFileAsAnIoErrorNamingTheOperation()
    {
        Directory.CreateDirectory(_ring.Directory);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(_ring.Path));

        var error = Assert.Throws<SharedMemoryException>(() => RingReader.Open(_ring.Path));

        Assert.Equal(SharedMemoryError.IoError, error.Error);
        Assert.Contains("operation=open for reading", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(check the path and the file system)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAFileShorterThanTheHeaderAsTruncated()
    {
        RingWriter.Open(_ring.Path, Options).Dispose();
        using (var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(RingDescriptor.InstrumentTableOffset - 1);
        }

        var error = Assert.Throws<SharedMemoryException>(() => RingReader.Open(_ring.Path));

        Assert.Equal(SharedMemoryError.WrongLength, error.Error);
        Assert.Contains($"a ring file holds at least its {RingDescriptor.InstrumentTableOffset}-byte header", error.Message, StringComparison.Ordinal);
    }

    // Each header field at the edge of its rule: just outside is bad geometry; just inside passes the
    // geometry check and is then refused only because the file's length does not match it.
    [Theory]
    [InlineData(64, 64, 256, SharedMemoryError.BadGeometry)]
    [InlineData(4160, 64, 256, SharedMemoryError.BadGeometry)]
    [InlineData(192 + 1, 64, 256, SharedMemoryError.BadGeometry)]
    [InlineData(4096, 64, 256, SharedMemoryError.WrongLength)]
    [InlineData(128, 1, 256, SharedMemoryError.BadGeometry)]
    [InlineData(128, 2, 256, SharedMemoryError.WrongLength)]
    [InlineData(128, 1 << 24, 256, SharedMemoryError.WrongLength)]
    [InlineData(128, 1 << 25, 256, SharedMemoryError.BadGeometry)]
    [InlineData(128, 64, 0, SharedMemoryError.BadGeometry)]
    [InlineData(128, 64, 1, SharedMemoryError.WrongLength)]
    [InlineData(128, 64, 65535, SharedMemoryError.WrongLength)]
    [InlineData(128, 64, 65536, SharedMemoryError.BadGeometry)]
    public void ShouldCheckEveryGeometryFieldAtItsBoundary(int slotSize, int slotCount, int capacity, SharedMemoryError expected)
    {
        RingWriter.Open(_ring.Path, Options).Dispose();
        using (var stream = new FileStream(_ring.Path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = RingDescriptor.HeaderLengthOffset;
            stream.Write(BitConverter.GetBytes((int)RingDescriptor.HeaderLength(capacity)));
            stream.Write(BitConverter.GetBytes(slotSize));
            stream.Write(BitConverter.GetBytes(slotCount));
            stream.Write(BitConverter.GetBytes(capacity));
        }

        var error = Assert.Throws<SharedMemoryException>(() => RingReader.Open(_ring.Path));

        Assert.Equal(expected, error.Error);
    }

    private static string Refused(Func<IDisposable> open)
    {
        var error = Assert.Throws<SharedMemoryException>(() => open().Dispose());
        Assert.Equal(SharedMemoryError.NotRegularFile, error.Error);
        return error.Message;
    }
}
