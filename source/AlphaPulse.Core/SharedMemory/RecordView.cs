using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// A validated record, viewed in place without allocation. Valid until the next read on the reader
/// that produced it; to keep it, copy <see cref="Bytes"/> to a buffer you own and view that with
/// <see cref="TryParse"/>. Single-threaded, like the reader that produced it.
/// </summary>
public readonly ref struct RecordView
{
    private readonly ReadOnlySpan<byte> _bytes;

    internal RecordView(ReadOnlySpan<byte> bytes, long lostBefore, bool isNewEpoch)
    {
        _bytes = bytes;
        LostBefore = lostBefore;
        IsNewEpoch = isNewEpoch;
    }

    /// <summary>The whole record (slot header and payload), for forwarding or copying.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Records this reader lost (was lapped over) immediately before this one; 0 normally.</summary>
    public long LostBefore { get; }

    /// <summary>First record this reader sees from a restarted writer: resynchronise from a snapshot.</summary>
    public bool IsNewEpoch { get; }

    public long Sequence => Read<long>(SlotDescriptor.SequenceOffset);

    /// <summary>The writer's <see cref="MonotonicClock"/> time when it published the record.</summary>
    public long PublishTime => Read<long>(SlotDescriptor.PublishTimeOffset);

    public uint Epoch => Read<uint>(SlotDescriptor.EpochOffset);

    public ushort InstrumentId => Read<ushort>(SlotDescriptor.InstrumentIdOffset);

    public RecordType Type => (RecordType)_bytes[SlotDescriptor.TypeOffset];

    public RecordFlags Flags => (RecordFlags)_bytes[SlotDescriptor.FlagsOffset];

    public int PayloadLength => Read<ushort>(SlotDescriptor.PayloadLengthOffset);

    /// <summary>The trade; only for <see cref="RecordType.Trade"/>.</summary>
    public Trade Trade
    {
        get
        {
            RequireType(RecordType.Trade);
            const int p = SlotDescriptor.PayloadOffset;
            return new Trade(
                InstrumentId,
                Read<long>(p + SlotDescriptor.TradePriceOffset),
                Read<long>(p + SlotDescriptor.TradeSizeOffset),
                (TradeSide)_bytes[p + SlotDescriptor.TradeSideOffset],
                Read<ulong>(p + SlotDescriptor.TradeIdOffset),
                Read<long>(p + SlotDescriptor.TradeExchangeTimeOffset),
                Read<long>(p + SlotDescriptor.TradeReceiveTimeOffset));
        }
    }

    /// <summary>Changed or snapshot levels; only for <see cref="RecordType.BookDelta"/> and <see cref="RecordType.BookSnapshot"/>.</summary>
    public BookView Book
    {
        get
        {
            var type = Type;
            if (type is not (RecordType.BookDelta or RecordType.BookSnapshot))
            {
                ThrowWrongType(RecordType.BookDelta, type);
            }

            return new BookView(_bytes[SlotDescriptor.PayloadOffset..]);
        }
    }

    /// <summary>The writer's wall clock, unix ns; only for <see cref="RecordType.Heartbeat"/>.</summary>
    public long HeartbeatWallClock
    {
        get
        {
            RequireType(RecordType.Heartbeat);
            return Read<long>(SlotDescriptor.PayloadOffset + SlotDescriptor.HeartbeatWallClockOffset);
        }
    }

    /// <summary>Views a record previously copied from <see cref="Bytes"/>; false when the bytes are not a whole record.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out RecordView record)
    {
        record = default;
        if (bytes.Length < SlotDescriptor.HeaderLength)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(bytes[SlotDescriptor.PayloadLengthOffset..]);
        if (bytes.Length < SlotDescriptor.HeaderLength + length)
        {
            return false;
        }

        record = new RecordView(bytes[..(SlotDescriptor.HeaderLength + length)], 0, false);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Read<T>(int offset)
        where T : unmanaged => MemoryMarshal.Read<T>(_bytes[offset..]);

    private void RequireType(RecordType expected)
    {
        var type = Type;
        if (type != expected)
        {
            ThrowWrongType(expected, type);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongType(RecordType expected, RecordType actual) =>
        throw new InvalidOperationException($"a record is read only as its own type: expected={expected}, actual={actual} (switch on RecordView.Type first)");
}

/// <summary>
/// The levels of a book delta or snapshot chunk, viewed in place. Bids come before asks; a size of
/// zero in a delta removes the level. Single-threaded, valid as long as the <see cref="RecordView"/> it came from.
/// </summary>
public readonly ref struct BookView
{
    private readonly ReadOnlySpan<byte> _payload;

    internal BookView(ReadOnlySpan<byte> payload) => _payload = payload;

    public long ExchangeTime => MemoryMarshal.Read<long>(_payload[SlotDescriptor.BookExchangeTimeOffset..]);

    /// <summary>
    /// The exchange's book sequence after this update (Binance: the event's <c>u</c>; a snapshot: the book's),
    /// the same on every replica of a collector, so a merged reader matches an update across replicas; 0 when
    /// the exchange has no book sequence (Coinbase level2, Kraken) and on book-reset records.
    /// </summary>
    public long ExchangeSequence => MemoryMarshal.Read<long>(_payload[SlotDescriptor.BookExchangeSequenceOffset..]);

    /// <summary>Position of this record in its snapshot or multi-record delta (0 … <see cref="ChunkCount"/> − 1).</summary>
    public int ChunkIndex => MemoryMarshal.Read<ushort>(_payload[SlotDescriptor.BookChunkIndexOffset..]);

    /// <summary>Records in this snapshot or delta (version 3 numbers delta parts as it numbers snapshot chunks).</summary>
    public int ChunkCount => MemoryMarshal.Read<ushort>(_payload[SlotDescriptor.BookChunkCountOffset..]);

    public ReadOnlySpan<PriceLevel> Bids => Levels(0, _payload[SlotDescriptor.BookBidCountOffset]);

    public ReadOnlySpan<PriceLevel> Asks => Levels(_payload[SlotDescriptor.BookBidCountOffset], _payload[SlotDescriptor.BookAskCountOffset]);

    private ReadOnlySpan<PriceLevel> Levels(int first, int count) =>
        MemoryMarshal.Cast<byte, PriceLevel>(_payload.Slice(
            SlotDescriptor.BookLevelsOffset + (first * SlotDescriptor.LevelSize),
            count * SlotDescriptor.LevelSize));
}
