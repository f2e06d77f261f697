using System.Runtime.InteropServices;

namespace AlphaPulse.Bindings;

/// <summary>One book level of the C ABI (<c>ap_level</c>, 16 bytes): fixed-point price and size.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeLevel
{
    public long Price;
    public long Size;
}

/// <summary>What <c>ap_book</c> reports beside the levels it copied (<c>ap_book_info</c>, 32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeBookInfo
{
    /// <summary>Levels the book holds per side (may exceed what was copied).</summary>
    public int BidCount;
    public int AskCount;

    /// <summary>Levels copied into the caller's arrays.</summary>
    public int BidsCopied;
    public int AsksCopied;

    /// <summary>The exchange sequence of the merged book (0: none).</summary>
    public long Sequence;

    /// <summary>1 when the book is complete (a snapshot and every update since), else 0.</summary>
    public int Valid;
    public int Reserved;
}

/// <summary>A symbol of the merged stream (<c>ap_instrument</c>, 40 bytes): UTF-8 name and fixed-point scales.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeInstrument
{
    /// <summary>UTF-8, zero-terminated (symbols are at most 32 bytes: docs/shm-format.md §3).</summary>
    public fixed byte Symbol[36];
    public byte PriceScale;
    public byte SizeScale;
    public ushort Id;
}

/// <summary>The reader's counters (<c>ap_stats</c>, 80 bytes), summed over the exchange's replicas.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeStats
{
    /// <summary>Ring records read, over every replica (heartbeats included).</summary>
    public long Records;

    /// <summary>Records delivered to the caller by <c>ap_read</c>.</summary>
    public long Delivered;

    /// <summary>Records lost because this reader was lapped (exact).</summary>
    public long Lost;

    /// <summary>Times this reader was lapped.</summary>
    public long Lapped;

    /// <summary>Writer restarts seen.</summary>
    public long Epochs;

    /// <summary>Symbols moved from one replica to another.</summary>
    public long Failovers;

    /// <summary>Trades and book updates dropped because another replica delivered them first.</summary>
    public long Duplicates;

    /// <summary>Replica rings found.</summary>
    public int Replicas;

    /// <summary>Merged symbols known.</summary>
    public int Symbols;

    /// <summary>Records waiting in the reader (a batch that did not fit the caller's buffer).</summary>
    public long Staged;

    /// <summary>Publish → read latency of the newest record, ns (the largest over replicas).</summary>
    public long LatencyNanoseconds;
}
