using System.Diagnostics.CodeAnalysis;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>What a slot holds (byte 22 of the slot). Values are part of the file format.</summary>
public enum RecordType : byte
{
    None = 0,
    Trade = 1,
    BookDelta = 2,
    BookSnapshot = 3,
    Heartbeat = 4,
}

/// <summary>Per-record flags (byte 23 of the slot). Values are part of the file format.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The file format calls byte 23 the flags byte.")]
public enum RecordFlags : byte
{
    None = 0,

    /// <summary>Last record of one exchange message: a consumer may publish its book now.</summary>
    BatchEnd = 1,

    /// <summary>Clear the instrument's book before applying this record (first chunk of a snapshot).</summary>
    BookReset = 2,

    /// <summary>Last chunk of a snapshot: the book is complete after applying it.</summary>
    LastChunk = 4,
}

/// <summary>Aggressor side of a trade. Values are part of the file format.</summary>
public enum TradeSide : byte
{
    Unknown = 0,
    Buy = 1,
    Sell = 2,
}
