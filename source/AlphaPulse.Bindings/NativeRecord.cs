using System.Runtime.InteropServices;

namespace AlphaPulse.Bindings;

/// <summary>What a <see cref="NativeRecord"/> carries (<c>ap_record.kind</c>). Values are part of the C ABI.</summary>
internal enum NativeRecordKind : byte
{
    /// <summary>A trade, first copy only.</summary>
    Trade = 1,

    /// <summary>One changed level of a merged book delta (size 0 removed it).</summary>
    BookDelta = 2,

    /// <summary>One level of the whole merged book after it was replaced (a snapshot or a failover).</summary>
    BookSnapshot = 3,

    /// <summary>The symbol's merged book is gone until the next snapshot.</summary>
    BookReset = 4,
}

/// <summary>Flags of a <see cref="NativeRecord"/> (<c>ap_record.flags</c>). Values are part of the C ABI.</summary>
[Flags]
internal enum NativeRecordFlags : byte
{
    None = 0,

    /// <summary>The exchange message behind this event ends here: a consumer may show the book now.</summary>
    BatchEnd = 1,

    /// <summary>Last record of one merged event (a delta or snapshot spans one record per level).</summary>
    EventEnd = 2,

    /// <summary>The record carries no level (an empty snapshot, a delta without levels, a reset): price and size are 0.</summary>
    NoLevel = 4,
}

/// <summary>
/// One fixed-size record of the C ABI (<c>ap_record</c> in alphapulse.h, 64 bytes, little-endian): a trade, or one
/// level of a merged book event. Layout is part of the ABI; <c>BindingsLayoutTests</c> and the Python dtype check it.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Length)]
internal struct NativeRecord
{
    public const int Length = 64;

    /// <summary>Trade price, or the level's price (fixed point at the symbol's price scale).</summary>
    [FieldOffset(0)] public long Price;

    /// <summary>Trade size, or the level's size (fixed point at the symbol's size scale; 0 removes in a delta).</summary>
    [FieldOffset(8)] public long Size;

    /// <summary>Exchange time, unix ns (0 for snapshots and resets, which the merged reader stamps none on).</summary>
    [FieldOffset(16)] public long ExchangeTime;

    /// <summary>The writer's CLOCK_MONOTONIC publish time of the ring record behind the event, ns.</summary>
    [FieldOffset(24)] public long PublishTime;

    /// <summary>The exchange's book sequence after the event (0: none, and for trades).</summary>
    [FieldOffset(32)] public long Sequence;

    /// <summary>The exchange's trade id (trades only).</summary>
    [FieldOffset(40)] public ulong TradeId;

    /// <summary>When the collector received the trade, unix ns (trades only).</summary>
    [FieldOffset(48)] public long ReceiveTime;

    /// <summary>Merged symbol id (<c>ap_get_instrument</c>).</summary>
    [FieldOffset(56)] public ushort Symbol;

    [FieldOffset(58)] public NativeRecordKind Kind;

    /// <summary>Trades: aggressor 0 unknown, 1 buy, 2 sell. Levels: 0 bid, 1 ask.</summary>
    [FieldOffset(59)] public byte Side;

    [FieldOffset(60)] public NativeRecordFlags Flags;

    /// <summary>Index of the replica the event came from.</summary>
    [FieldOffset(61)] public byte Replica;

    [FieldOffset(62)] public ushort Reserved;
}
