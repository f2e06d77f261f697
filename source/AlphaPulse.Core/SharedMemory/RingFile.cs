using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// A validated, memory-mapped ring file: opening, refusing bad files, the writer's exclusive lock,
/// and typed references to header fields. Owned by one <see cref="RingWriter"/> or <see cref="RingReader"/>;
/// the mapping itself is shared with other processes, so every field access names its memory ordering
/// at the call site.
/// </summary>
internal sealed unsafe class RingFile : IDisposable
{
    /// <summary>Files are created owner read-write, group read: 0640.</summary>
    public const int CreateMode = 0b110_100_000;

    private int _fd;
    private byte* _base;

    private RingFile(string path, int fd, byte* @base, long length)
    {
        Path = path;
        _fd = fd;
        _base = @base;
        Length = length;
        SlotSize = *(int*)(@base + RingDescriptor.SlotSizeOffset);
        SlotCount = *(int*)(@base + RingDescriptor.SlotCountOffset);
        InstrumentCapacity = *(int*)(@base + RingDescriptor.InstrumentCapacityOffset);
        Slots = @base + RingDescriptor.HeaderLength(InstrumentCapacity);
    }

    public string Path { get; }

    public long Length { get; }

    public int SlotSize { get; }

    public int SlotCount { get; }

    public int InstrumentCapacity { get; }

    /// <summary>Address of slot 0; slot i lives at <c>Slots + i × SlotSize</c>.</summary>
    public byte* Slots { get; }

    public byte* Base => _base;

    public ref uint Epoch => ref *(uint*)(_base + RingDescriptor.EpochOffset);

    public ref long EpochStartSequence => ref *(long*)(_base + RingDescriptor.EpochStartSequenceOffset);

    public ref int WriterPid => ref *(int*)(_base + RingDescriptor.WriterPidOffset);

    public ref int InstrumentCount => ref *(int*)(_base + RingDescriptor.InstrumentCountOffset);

    public ref long WriterStartUnixMs => ref *(long*)(_base + RingDescriptor.WriterStartUnixMsOffset);

    public ref long PublishedSequence => ref *(long*)(_base + RingDescriptor.PublishedSequenceOffset);

    public ref long LatestSnapshot => ref *(long*)(_base + RingDescriptor.LatestSnapshotOffset);

    /// <summary>Instrument <paramref name="id"/>'s newest complete snapshot (format version 3).</summary>
    public ref long InstrumentLatestSnapshot(int id) =>
        ref *(long*)(_base + RingDescriptor.InstrumentEntryOffset(id) + RingDescriptor.InstrumentLatestSnapshotOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Slot(long sequence) => Slots + ((sequence & (SlotCount - 1)) * (long)SlotSize);

    /// <summary>Maps an existing ring read-only; refuses anything that is not a valid ring.</summary>
    public static RingFile OpenForRead(string path)
    {
        var fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec, 0);
        if (fd < 0)
        {
            ThrowHelper.ThrowErrno("open for reading", path, Marshal.GetLastPInvokeError());
        }

        return MapExisting(path, fd, Libc.ProtRead, keepDescriptor: false);
    }

    /// <summary>
    /// Opens or creates a ring for writing and takes its exclusive writer lock (<c>flock</c>, which
    /// the kernel releases when the holder dies, so a dead holder's ring can be taken over).
    /// </summary>
    public static RingFile OpenForWrite(string path, RingOptions options, out bool created)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OCreat | Libc.OCloExec, CreateMode);
        if (fd < 0)
        {
            ThrowHelper.ThrowErrno("open for writing", path, Marshal.GetLastPInvokeError());
        }

        try
        {
            var (mode, size) = Stat(path, fd);
            RequireRegularFile(path, mode);
            if (Libc.Flock(fd, Libc.LockEx | Libc.LockNb) != 0)
            {
                OnWriterActive(path, fd, size);
            }

            created = size == 0;
            if (created)
            {
                return CreateFresh(path, fd, options);
            }

            var file = MapExisting(path, fd, Libc.ProtRead | Libc.ProtWrite, keepDescriptor: true);
            if (file.SlotSize != options.SlotSize || file.SlotCount != options.SlotCount || file.InstrumentCapacity != options.InstrumentCapacity)
            {
                file.Dispose();
                ThrowHelper.Throw(SharedMemoryError.GeometryMismatch, path, string.Create(CultureInfo.InvariantCulture,
                    $"an existing ring is reopened only with its own geometry: path={path}, file slotSize={file.SlotSize} slotCount={file.SlotCount} instrumentCapacity={file.InstrumentCapacity}, requested slotSize={options.SlotSize} slotCount={options.SlotCount} instrumentCapacity={options.InstrumentCapacity} (use the file's geometry, or delete the file while no process uses it)"));
            }

            return file;
        }
        catch
        {
            _ = Libc.Close(fd);
            throw;
        }
    }

    /// <summary>
    /// Touches every page of the mapping once (a load per 4 KiB), so that first-touch page faults —
    /// a tmpfs page allocated and zeroed on the first access of each page — happen now, not on the
    /// hot path the first time the ring wraps round to them.
    /// </summary>
    public void Prefault()
    {
        const int PageSize = 4096;
        var sum = 0L;
        for (long offset = 0; offset < Length; offset += PageSize)
        {
            sum += Volatile.Read(ref _base[offset]);
        }

        GC.KeepAlive(sum);
    }

    public void Dispose()
    {
        if (_base != null)
        {
            _ = Libc.Munmap((nint)_base, (nuint)Length);
            _base = null;
        }

        if (_fd >= 0)
        {
            // Closing the descriptor releases the writer lock.
            _ = Libc.Close(_fd);
            _fd = -1;
        }
    }

    private static RingFile CreateFresh(string path, int fd, RingOptions options)
    {
        var length = RingDescriptor.FileLength(options.SlotSize, options.SlotCount, options.InstrumentCapacity);
        if (Libc.Fchmod(fd, CreateMode) != 0 || Libc.Ftruncate(fd, length) != 0)
        {
            ThrowHelper.ThrowErrno("size new file", path, Marshal.GetLastPInvokeError());
        }

        var @base = Map(path, fd, length, Libc.ProtRead | Libc.ProtWrite);
        *(int*)(@base + RingDescriptor.VersionOffset) = RingDescriptor.FormatVersion;
        *(int*)(@base + RingDescriptor.HeaderLengthOffset) = (int)RingDescriptor.HeaderLength(options.InstrumentCapacity);
        *(int*)(@base + RingDescriptor.SlotSizeOffset) = options.SlotSize;
        *(int*)(@base + RingDescriptor.SlotCountOffset) = options.SlotCount;
        *(int*)(@base + RingDescriptor.InstrumentCapacityOffset) = options.InstrumentCapacity;
        *(long*)(@base + RingDescriptor.FileLengthOffset) = length;

        // Release: a reader that sees the magic sees the geometry written before it.
        Volatile.Write(ref *(ulong*)(@base + RingDescriptor.MagicOffset), RingDescriptor.Magic);
        return new RingFile(path, fd, @base, length);
    }

    private static RingFile MapExisting(string path, int fd, int protection, bool keepDescriptor)
    {
        var (mode, size) = Stat(path, fd);
        RequireRegularFile(path, mode);
        if (size == 0)
        {
            ThrowHelper.Throw(SharedMemoryError.ZeroLength, path, $"a ring file is never empty: path={path}, length=0 (the writer may still be creating it: retry, or delete the stale file)");
        }

        if (size < RingDescriptor.InstrumentTableOffset)
        {
            ThrowHelper.Throw(SharedMemoryError.WrongLength, path, string.Create(CultureInfo.InvariantCulture,
                $"a ring file holds at least its {RingDescriptor.InstrumentTableOffset}-byte header: path={path}, length={size} (the file is truncated: delete it and restart the writer)"));
        }

        var @base = Map(path, fd, size, protection);
        try
        {
            Validate(path, @base, size);
        }
        catch
        {
            _ = Libc.Munmap((nint)@base, (nuint)size);
            throw;
        }

        if (!keepDescriptor)
        {
            _ = Libc.Close(fd);
            fd = -1;
        }

        return new RingFile(path, fd, @base, size);
    }

    private static void Validate(string path, byte* @base, long size)
    {
        // Acquire: the geometry read below was written before the magic.
        var magic = Volatile.Read(ref *(ulong*)(@base + RingDescriptor.MagicOffset));
        if (magic != RingDescriptor.Magic)
        {
            ThrowHelper.Throw(SharedMemoryError.WrongMagic, path, string.Create(CultureInfo.InvariantCulture,
                $"a ring file starts with the magic \"APSHMRNG\": path={path}, magic=0x{magic:X16}, expected=0x{RingDescriptor.Magic:X16} (this is not an AlphaPulse ring, or its writer is still creating it)"));
        }

        var version = *(int*)(@base + RingDescriptor.VersionOffset);
        if (version != RingDescriptor.FormatVersion)
        {
            ThrowHelper.Throw(SharedMemoryError.WrongVersion, path, string.Create(CultureInfo.InvariantCulture,
                $"ring format version must match this build: path={path}, version={version}, supported={RingDescriptor.FormatVersion} ({(version < RingDescriptor.FormatVersion ? "the file was written by an older writer: stop it, delete the file, and start the writer of this build" : "upgrade this reader to the writer's build")}; docs/shm-format.md §10)"));
        }

        var headerLength = *(int*)(@base + RingDescriptor.HeaderLengthOffset);
        var slotSize = *(int*)(@base + RingDescriptor.SlotSizeOffset);
        var slotCount = *(int*)(@base + RingDescriptor.SlotCountOffset);
        var capacity = *(int*)(@base + RingDescriptor.InstrumentCapacityOffset);
        var declared = *(long*)(@base + RingDescriptor.FileLengthOffset);
        var geometryValid = slotSize >= RingDescriptor.MinSlotSize && slotSize <= RingDescriptor.MaxSlotSize && slotSize % RingDescriptor.CacheLine == 0
            && slotCount >= RingDescriptor.MinSlotCount && slotCount <= RingDescriptor.MaxSlotCount && BitOperations.IsPow2(slotCount)
            && capacity >= 1 && capacity <= RingDescriptor.MaxInstrumentCapacity && headerLength == RingDescriptor.HeaderLength(capacity);
        if (!geometryValid)
        {
            ThrowHelper.Throw(SharedMemoryError.BadGeometry, path, string.Create(CultureInfo.InvariantCulture,
                $"ring geometry must be slot size a multiple of 64 in [128, 4096], slot count a power of two, header length matching the instrument table: path={path}, slotSize={slotSize}, slotCount={slotCount}, instrumentCapacity={capacity}, headerLength={headerLength} (the header is corrupt: delete the file and restart the writer)"));
        }

        var expected = RingDescriptor.FileLength(slotSize, slotCount, capacity);
        if (declared != expected || size != expected)
        {
            ThrowHelper.Throw(SharedMemoryError.WrongLength, path, string.Create(CultureInfo.InvariantCulture,
                $"ring file length must equal header + slots: path={path}, length={size}, declared={declared}, expected={expected} (the file is truncated or padded: delete it and restart the writer)"));
        }
    }

    private static (int Mode, long Size) Stat(string path, int fd)
    {
        var buffer = stackalloc byte[Libc.StatxSize];
        if (Libc.Statx(fd, string.Empty, Libc.AtEmptyPath, Libc.StatxBasicStats, buffer) != 0)
        {
            ThrowHelper.ThrowErrno("statx", path, Marshal.GetLastPInvokeError());
        }

        return (*(ushort*)(buffer + Libc.StatxModeOffset), *(long*)(buffer + Libc.StatxSizeOffset));
    }

    private static void RequireRegularFile(string path, int mode)
    {
        if ((mode & Libc.SIfMt) != Libc.SIfReg)
        {
            ThrowHelper.Throw(SharedMemoryError.NotRegularFile, path, string.Create(CultureInfo.InvariantCulture,
                $"a ring must be a regular file: path={path}, type={FileTypeName(mode)} (point SHARED_MEMORY_PATH at a directory and open a stream file inside it)"));
        }
    }

    private static string FileTypeName(int mode) => (mode & Libc.SIfMt) switch
    {
        Libc.SIfDir => "directory",
        0x2000 => "character device",
        0x6000 => "block device",
        0x1000 => "fifo",
        0xC000 => "socket",
        _ => "other",
    };

    private static byte* Map(string path, int fd, long length, int protection)
    {
        var address = Libc.Mmap(0, (nuint)length, protection, Libc.MapShared, fd, 0);
        if (address == -1)
        {
            ThrowHelper.ThrowErrno("mmap", path, Marshal.GetLastPInvokeError());
        }

        return (byte*)address;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnWriterActive(string path, int fd, long size)
    {
        var pid = 0;
        if (size >= RingDescriptor.WriterPidOffset + sizeof(int))
        {
            _ = Libc.Pread(fd, (byte*)&pid, sizeof(int), RingDescriptor.WriterPidOffset);
        }

        throw new SharedMemoryException(SharedMemoryError.WriterActive, path, string.Create(CultureInfo.InvariantCulture,
            $"a ring has exactly one writer: path={path}, holder pid={pid} is alive and holds the writer lock (stop that process, or give this writer its own stream file)"))
        {
            HolderPid = pid,
        };
    }
}
