using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Reads one ring file with a private cursor. Any number of readers per ring, each lossy: a reader
/// never slows the writer; one that falls a ring behind is lapped, told how many records it lost
/// (<see cref="RecordView.LostBefore"/>, <see cref="Lost"/>, <see cref="Lapped"/>) and resumes at the
/// oldest of the instruments' newest snapshots, so every book can be rebuilt. A torn or overwritten slot is never returned. The instance is single-threaded;
/// reading allocates nothing.
/// </summary>
/// <remarks>Read protocol (docs/shm-format.md §7): check sequence, copy with acquire loads, check again.</remarks>
public sealed unsafe class RingReader : IDisposable
{
    private readonly RingFile _file;
    private readonly byte* _copy;
    private readonly int _maxPayload;
    private readonly IdleStrategy _idle;
    private long _next;
    private long _pendingLost;
    private uint _recordEpoch;
    private bool _disposed;

    private RingReader(RingFile file, ReaderOptions options)
    {
        _file = file;
        _maxPayload = file.SlotSize - SlotDescriptor.HeaderLength;
        _copy = (byte*)NativeMemory.AlignedAlloc((nuint)file.SlotSize, RingDescriptor.CacheLine);
        _idle = new IdleStrategy(options.Idle);
        (Instruments, TableEpoch) = InstrumentTable.Read(file);
        if (options.Prefault)
        {
            file.Prefault();
        }

        Seek(options.Start);
    }

    public string Path => _file.Path;

    public int SlotSize => _file.SlotSize;

    public int SlotCount => _file.SlotCount;

    /// <summary>The instrument table, reloaded when a record from a new writer epoch arrives.</summary>
    public IReadOnlyList<Instrument> Instruments { get; private set; }

    /// <summary>Epoch of the writer whose table <see cref="Instruments"/> holds (0: writer was starting up).</summary>
    public uint TableEpoch { get; private set; }

    /// <summary>
    /// A reader opened while its writer was starting up has an empty table until the first record
    /// arrives; this loads the table as soon as the writer has published it, so the symbols are known
    /// before any data flows (a subscriber asking for one is not told it does not exist). Cheap: one
    /// acquire load when there is nothing to do. True when the table was loaded.
    /// </summary>
    public bool RefreshInstruments()
    {
        if (TableEpoch != 0 || Volatile.Read(ref _file.Epoch) == 0)
        {
            return false;
        }

        (Instruments, TableEpoch) = InstrumentTable.Read(_file);
        return TableEpoch != 0;
    }

    /// <summary>Sequence of the next record this reader will return.</summary>
    public long Position => _next;

    /// <summary>Times this reader was lapped by the writer.</summary>
    public long Lapped { get; private set; }

    /// <summary>Records this reader never saw because it was lapped; exact.</summary>
    public long Lost { get; private set; }

    /// <summary>Writer restarts this reader noticed (records of a new epoch after records of an older one).</summary>
    public long EpochChanges { get; private set; }

    /// <summary>The writer's last committed sequence (acquire): how far behind this reader is, and whether the writer still moves.</summary>
    public long PublishedSequence => Volatile.Read(ref _file.PublishedSequence);

    /// <summary>Pid of the writer that last (re)started the ring (it may have died since).</summary>
    public int WriterPid => Volatile.Read(ref _file.WriterPid);

    /// <summary>Maps an existing ring read-only.</summary>
    /// <exception cref="SharedMemoryException">The file is missing, unreadable, or not a valid ring.</exception>
    public static RingReader Open(string path, ReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = RingFile.OpenForRead(path);
        try
        {
            return new RingReader(file, options ?? new ReaderOptions());
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next record if one is committed; false when the reader is caught up.</summary>
    public bool TryRead(out RecordView record)
    {
        var sequence = _next;
        var slot = _file.Slot(sequence);

        // Acquire (Volatile.Read): the copy below cannot be loaded before the sequence that guards it.
        var before = Volatile.Read(ref *(long*)slot);
        if (before != sequence)
        {
            return OnSlotNotCurrent(before, out record);
        }

        // Acquire loads, word by word (plain moves on x64): each is ordered before every load after it, so
        // the whole copy is loaded before the sequence is checked again, with no full fence.
        var length = Math.Min((int)Volatile.Read(ref *(ushort*)(slot + SlotDescriptor.PayloadLengthOffset)), _maxPayload);
        var words = (SlotDescriptor.HeaderLength + length + sizeof(long) - 1) / sizeof(long);
        for (var i = 0; i < words; i++)
        {
            ((long*)_copy)[i] = Volatile.Read(ref ((long*)slot)[i]);
        }

        if (Volatile.Read(ref *(long*)slot) != sequence)
        {
            return OnOverwrittenWhileCopying(out record);
        }

        _next = sequence + 1;
        var isNewEpoch = false;
        if (*(uint*)(_copy + SlotDescriptor.EpochOffset) != _recordEpoch)
        {
            isNewEpoch = OnEpochChanged();
        }

        // The copy may hold a shorter length than its slot did when read above only if it was torn,
        // which the second check excludes; clamp anyway so a corrupt length never reads past the copy.
        *(ushort*)(_copy + SlotDescriptor.PayloadLengthOffset) = (ushort)length;
        record = new RecordView(new ReadOnlySpan<byte>(_copy, SlotDescriptor.HeaderLength + length), _pendingLost, isNewEpoch);
        _pendingLost = 0;
        return true;
    }

    /// <summary>Waits for the next record with the configured idle strategy; false when cancelled.</summary>
    public bool Read(out RecordView record, CancellationToken cancellationToken)
    {
        while (!TryRead(out record))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            _idle.Idle();
        }

        _idle.Reset();
        return true;
    }

    /// <summary>Moves the cursor; records skipped by a seek are not counted as lost.</summary>
    public void Seek(StartPosition position)
    {
        // Acquire: published and latest-snapshot sequences refer to committed slots.
        var newest = Volatile.Read(ref _file.PublishedSequence);
        var oldest = Math.Max(1, newest - _file.SlotCount + 1);
        var snapshot = InstrumentTable.OldestNewestSnapshot(_file, oldest);
        _next = position switch
        {
            StartPosition.Oldest => oldest,
            StartPosition.LatestSnapshot when snapshot > 0 => snapshot,
            _ => newest + 1,
        };
        _pendingLost = 0;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            NativeMemory.AlignedFree(_copy);
            _file.Dispose();
        }
    }

    /// <summary>The slot holds an older record (not yet written), our record being written, or a newer one (lapped).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnSlotNotCurrent(long word, out RecordView record)
    {
        var holds = Math.Abs(word);
        if (holds <= _next)
        {
            record = default;
            return false;
        }

        return OnLapped(out record);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnOverwrittenWhileCopying(out RecordView record) => OnLapped(out record);

    /// <summary>
    /// The writer reused our slot: resume at the oldest of the instruments' newest snapshots still in
    /// the ring (so every instrument's book comes back), else at the newest record, and count every
    /// record skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnLapped(out RecordView record)
    {
        // Acquire: the published sequence and every snapshot sequence name committed records.
        var newest = Volatile.Read(ref _file.PublishedSequence);

        // The oldest slot is the one the writer claims next; a snapshot there is about to vanish.
        var safeOldest = newest - _file.SlotCount + 2;
        var snapshot = InstrumentTable.OldestNewestSnapshot(_file, safeOldest);
        var resume = snapshot > _next ? snapshot : Math.Max(newest, _next + 1);
        var lost = resume - _next;
        Lapped++;
        Lost += lost;
        _pendingLost += lost;
        _next = resume;
        return TryRead(out record);
    }

    /// <summary>First record of a writer epoch this reader has not seen: count it (unless it is the first ever) and reload the table.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnEpochChanged()
    {
        var epoch = *(uint*)(_copy + SlotDescriptor.EpochOffset);
        var isChange = _recordEpoch != 0;
        _recordEpoch = epoch;
        if (isChange)
        {
            EpochChanges++;
        }

        if (TableEpoch != epoch)
        {
            (Instruments, TableEpoch) = InstrumentTable.Read(_file);
        }

        return isChange;
    }
}
