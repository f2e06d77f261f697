using System.Runtime.InteropServices;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// A second read-write mapping of a live ring, taken without the writer lock, so a test child can
/// perform the publish protocol's steps (docs/shm-format.md §6) one at a time — or wrongly — while a
/// real <see cref="RingWriter"/> holds the lock and owns the epoch. Single-threaded; unmapped on dispose.
/// </summary>
internal sealed unsafe class RawRing : IDisposable
{
    private readonly byte* _base;
    private readonly long _length;
    private readonly byte* _slots;
    private readonly int _slotSize;
    private readonly int _slotCount;

    public RawRing(string path, RingOptions options)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OCloExec, 0);
        if (fd < 0)
        {
            throw new IOException($"a raw mapping needs the ring file open read-write: path={path}, errno={Marshal.GetLastPInvokeError()} (start the writer first)");
        }

        _length = RingDescriptor.FileLength(options.SlotSize, options.SlotCount, options.InstrumentCapacity);
        var address = Libc.Mmap(0, (nuint)_length, Libc.ProtRead | Libc.ProtWrite, Libc.MapShared, fd, 0);
        _ = Libc.Close(fd);
        if (address == -1)
        {
            throw new IOException($"a raw mapping must map the whole ring: path={path}, length={_length}, errno={Marshal.GetLastPInvokeError()}");
        }

        _base = (byte*)address;
        _slots = _base + RingDescriptor.HeaderLength(options.InstrumentCapacity);
        _slotSize = options.SlotSize;
        _slotCount = options.SlotCount;
    }

    public ref long PublishedSequence => ref *(long*)(_base + RingDescriptor.PublishedSequenceOffset);

    public byte* Slot(long sequence) => _slots + ((sequence & (_slotCount - 1)) * (long)_slotSize);

    public ref long SequenceWord(long sequence) => ref *(long*)Slot(sequence);

    public void Dispose() => _ = Libc.Munmap((nint)_base, (nuint)_length);
}
