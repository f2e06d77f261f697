namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Byte layout of a ring file's header and instrument table (spec: docs/shm-format.md §2–3).
/// Immutable constants; safe from any thread. All integers are little-endian.
/// </summary>
/// <remarks>
/// <code>
///  offset  line  field                         written by / when
///  ------  ----  ----------------------------  ------------------------------------------
///       0     0  Magic              u64        creator, once, last of line 0 (release)
///       8        Version            u32        creator, once
///      12        HeaderLength       u32        creator, once (bytes before slot 0)
///      16        SlotSize           u32        creator, once
///      20        SlotCount          u32        creator, once (power of two)
///      24        InstrumentCapacity u32        creator, once
///      28        (reserved)         u32
///      32        FileLength         u64        creator, once
///      40        (reserved to 64)
///      64     1  Epoch              u32        writer, each (re)start, last (release); 0 = starting up
///      68        (reserved)         u32
///      72        EpochStartSequence i64        writer, each (re)start
///      80        WriterPid          i32        writer, each (re)start
///      84        InstrumentCount    u32        writer, each (re)start
///      88        WriterStartUnixMs  i64        writer, each (re)start
///      96        (reserved to 128)
///     128   2-3  PublishedSequence  i64        writer, every publish (release); own 128 bytes
///     256   4-5  LatestSnapshot     i64        writer, after each full snapshot of any instrument (release)
///     384   6-7  (reserved)
///     512     8  InstrumentTable    InstrumentCapacity × 64 bytes (see InstrumentEntry*):
///                  row +0 Symbol[32], +32 SymbolLength u8, +33 PriceScale u8, +34 SizeScale u8,
///                  +40 LatestSnapshot i64 (writer, after each of the row's snapshots, release)
///  HeaderLength  slot 0 … slot SlotCount-1, SlotSize bytes each (see SlotDescriptor)
/// </code>
/// The hot published sequence sits alone in 128 bytes so that neither false sharing nor the
/// adjacent-line prefetcher couples it to the read-mostly lines around it.
/// </remarks>
public static class RingDescriptor
{
    public const int CacheLine = 64;

    /// <summary>"APSHMRNG" read as a little-endian u64.</summary>
    public const ulong Magic = 0x474E_524D_4853_5041UL;
    /// <summary>
    /// 3: each instrument-table row holds its instrument's newest snapshot (a lapped reader resumes so
    /// every book comes back), and delta parts are numbered like snapshot chunks. Older files are refused.
    /// </summary>
    public const int FormatVersion = 3;

    public const int MagicOffset = 0;
    public const int VersionOffset = MagicOffset + sizeof(ulong);
    public const int HeaderLengthOffset = VersionOffset + sizeof(int);
    public const int SlotSizeOffset = HeaderLengthOffset + sizeof(int);
    public const int SlotCountOffset = SlotSizeOffset + sizeof(int);
    public const int InstrumentCapacityOffset = SlotCountOffset + sizeof(int);
    public const int FileLengthOffset = InstrumentCapacityOffset + (2 * sizeof(int));

    public const int WriterLineOffset = CacheLine;
    public const int EpochOffset = WriterLineOffset;
    public const int EpochStartSequenceOffset = EpochOffset + sizeof(ulong);
    public const int WriterPidOffset = EpochStartSequenceOffset + sizeof(long);
    public const int InstrumentCountOffset = WriterPidOffset + sizeof(int);
    public const int WriterStartUnixMsOffset = InstrumentCountOffset + sizeof(int);

    public const int PublishedSequenceOffset = WriterLineOffset + CacheLine;
    public const int LatestSnapshotOffset = PublishedSequenceOffset + (2 * CacheLine);
    public const int InstrumentTableOffset = LatestSnapshotOffset + (4 * CacheLine);

    public const int InstrumentEntrySize = CacheLine;
    public const int InstrumentSymbolOffset = 0;
    public const int MaxSymbolLength = 32;
    public const int InstrumentSymbolLengthOffset = InstrumentSymbolOffset + MaxSymbolLength;
    public const int InstrumentPriceScaleOffset = InstrumentSymbolLengthOffset + 1;
    public const int InstrumentSizeScaleOffset = InstrumentPriceScaleOffset + 1;

    /// <summary>Row offset of the instrument's newest complete snapshot (i64, 0 = none), 8-aligned after the scales.</summary>
    public const int InstrumentLatestSnapshotOffset = InstrumentSymbolLengthOffset + 8;

    public const int MinSlotSize = 128;
    public const int MaxSlotSize = 4096;
    public const int MinSlotCount = 2;
    public const int MaxSlotCount = 1 << 24;
    public const int MaxInstrumentCapacity = ushort.MaxValue;

    /// <summary>Bytes before slot 0: fixed header lines plus the instrument table.</summary>
    public static long HeaderLength(int instrumentCapacity) =>
        InstrumentTableOffset + ((long)instrumentCapacity * InstrumentEntrySize);

    /// <summary>Exact file length for a geometry; anything else is refused on open.</summary>
    public static long FileLength(int slotSize, int slotCount, int instrumentCapacity) =>
        HeaderLength(instrumentCapacity) + ((long)slotSize * slotCount);

    public static int InstrumentEntryOffset(int instrumentId) =>
        InstrumentTableOffset + (instrumentId * InstrumentEntrySize);
}
