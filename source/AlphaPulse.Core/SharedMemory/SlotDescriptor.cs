namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Byte layout of one slot and of every record payload (spec: docs/shm-format.md §4–5).
/// Immutable constants; safe from any thread. All integers are little-endian.
/// </summary>
/// <remarks>
/// <code>
///  slot (SlotSize bytes, cache-line aligned)
///   0 Sequence      i64  0 = never written; −s = record s being written; s = record s committed
///   8 PublishTime   i64  writer's monotonic clock, ns (CLOCK_MONOTONIC)
///  16 Epoch         u32  epoch of the writer that wrote the record
///  20 InstrumentId  u16  index into the instrument table
///  22 Type          u8   RecordType
///  23 Flags         u8   RecordFlags
///  24 PayloadLength u16
///  26 (reserved to 32)
///  32 Payload       SlotSize − 32 bytes
///
///  Trade payload (48)                 BookDelta / BookSnapshot payload (24 + 16 × levels)
///   0 Price         i64 fixed point    0 ExchangeTime      i64 unix ns
///   8 Size          i64 fixed point    8 BidCount          u8
///  16 TradeId       u64                9 AskCount          u8
///  24 ExchangeTime  i64 unix ns       10 ChunkIndex        u16 part of the record set (v3: deltas too)
///  32 ReceiveTime   i64 unix ns       12 ChunkCount        u16 parts in the record set
///  40 Side          u8                14 (reserved)        u16
///  41 (reserved to 48)                16 ExchangeSequence  i64 the exchange's book sequence after this update; 0 = none (v2)
///                                     24 Levels            bids first, then asks (a chunk fills up with
///                                                        bids, then runs on into asks): Price i64, Size i64
///
///  Heartbeat payload (8)
///   0 WallClock     i64 unix ns
/// </code>
/// </remarks>
public static class SlotDescriptor
{
    public const int SequenceOffset = 0;
    public const int PublishTimeOffset = SequenceOffset + sizeof(long);
    public const int EpochOffset = PublishTimeOffset + sizeof(long);
    public const int InstrumentIdOffset = EpochOffset + sizeof(uint);
    public const int TypeOffset = InstrumentIdOffset + sizeof(ushort);
    public const int FlagsOffset = TypeOffset + sizeof(byte);
    public const int PayloadLengthOffset = FlagsOffset + sizeof(byte);
    public const int HeaderLength = RingDescriptor.CacheLine / 2;
    public const int PayloadOffset = HeaderLength;

    public const int TradePriceOffset = 0;
    public const int TradeSizeOffset = TradePriceOffset + sizeof(long);
    public const int TradeIdOffset = TradeSizeOffset + sizeof(long);
    public const int TradeExchangeTimeOffset = TradeIdOffset + sizeof(ulong);
    public const int TradeReceiveTimeOffset = TradeExchangeTimeOffset + sizeof(long);
    public const int TradeSideOffset = TradeReceiveTimeOffset + sizeof(long);
    public const int TradeLength = 48;

    public const int BookExchangeTimeOffset = 0;
    public const int BookBidCountOffset = BookExchangeTimeOffset + sizeof(long);
    public const int BookAskCountOffset = BookBidCountOffset + sizeof(byte);
    public const int BookChunkIndexOffset = BookAskCountOffset + sizeof(byte);
    public const int BookChunkCountOffset = BookChunkIndexOffset + sizeof(ushort);
    public const int BookExchangeSequenceOffset = BookChunkCountOffset + (2 * sizeof(ushort));
    public const int BookLevelsOffset = BookExchangeSequenceOffset + sizeof(long);
    public const int LevelSize = 2 * sizeof(long);

    public const int HeartbeatWallClockOffset = 0;
    public const int HeartbeatLength = sizeof(long);

    /// <summary>Most levels (bids plus asks) one book record can carry in a slot of this size.</summary>
    public static int MaxLevels(int slotSize) => (slotSize - PayloadOffset - BookLevelsOffset) / LevelSize;

    /// <summary>Payload length of a book record with this many levels.</summary>
    public static int BookLength(int levelCount) => BookLevelsOffset + (levelCount * LevelSize);
}
