using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>What a <see cref="MergedEvent"/> tells the consumer.</summary>
public enum MergedEventKind : byte
{
    None = 0,

    /// <summary>A trade, first copy only (<see cref="MergedEvent.Trade"/>; its instrument id is the merged symbol id).</summary>
    Trade = 1,

    /// <summary>Levels applied to the merged book (size 0 removed a level); <see cref="MergedEvent.IsBatchEnd"/> ends one exchange message.</summary>
    BookDelta = 2,

    /// <summary>The merged book was replaced (a snapshot, or a failover to another replica's book): read it whole from <see cref="ReplicatedReader.Book"/>.</summary>
    BookSnapshot = 3,

    /// <summary>No replica holds a valid book for the symbol: clear it and wait for the next <see cref="BookSnapshot"/>.</summary>
    BookReset = 4,
}

/// <summary>
/// One event of the merged stream, viewed in place. Valid until the next read on the <see cref="ReplicatedReader"/>
/// that produced it; single-threaded, like that reader.
/// </summary>
public readonly ref struct MergedEvent
{
    internal MergedEvent(MergedEventKind kind, int symbol, int replica, long exchangeSequence, long exchangeTime, bool isBatchEnd, Trade trade, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, long publishTime)
    {
        PublishTime = publishTime;
        Kind = kind;
        Symbol = symbol;
        Replica = replica;
        ExchangeSequence = exchangeSequence;
        ExchangeTime = exchangeTime;
        IsBatchEnd = isBatchEnd;
        Trade = trade;
        Bids = bids;
        Asks = asks;
    }

    public MergedEventKind Kind { get; }

    /// <summary>Merged symbol id: an index into <see cref="ReplicatedReader.Symbols"/>, the same whatever replica delivered it.</summary>
    public int Symbol { get; }

    /// <summary>Index into <see cref="ReplicatedReader.Replicas"/> of the replica the event came from.</summary>
    public int Replica { get; }

    /// <summary>The exchange's book sequence after the event (0 when the exchange has none).</summary>
    public long ExchangeSequence { get; }

    public long ExchangeTime { get; }

    /// <summary>
    /// Monotonic publish time of the ring record behind the event (for an event a failover decided, the
    /// newest record read from that replica): where publish → consumer latency starts.
    /// </summary>
    public long PublishTime { get; }

    public bool IsBatchEnd { get; }

    /// <summary>The trade, for <see cref="MergedEventKind.Trade"/>.</summary>
    public Trade Trade { get; }

    /// <summary>Changed bid levels, for <see cref="MergedEventKind.BookDelta"/>.</summary>
    public ReadOnlySpan<PriceLevel> Bids { get; }

    /// <summary>Changed ask levels, for <see cref="MergedEventKind.BookDelta"/>.</summary>
    public ReadOnlySpan<PriceLevel> Asks { get; }
}
