using System.Runtime.CompilerServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Writes a record's slot header (all but the sequence word) and payload at a slot address, exactly
/// as <see cref="SlotDescriptor"/> lays them out. Stateless; the caller owns the slot (the writer
/// between claim and commit, or a test over its own buffer). Header, trade and heartbeat fields are
/// release stores (plain moves on x64), each ordered after every store before it, so none can pass the
/// writer's claim; book levels are plain stores, ordered by the caller's fence.
/// </summary>
internal static unsafe class RecordEncoder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeader(byte* slot, long publishTime, uint epoch, ushort instrumentId, RecordType type, RecordFlags flags, int payloadLength)
    {
        Volatile.Write(ref *(long*)(slot + SlotDescriptor.PublishTimeOffset), publishTime);
        Volatile.Write(ref *(uint*)(slot + SlotDescriptor.EpochOffset), epoch);
        Volatile.Write(ref *(ushort*)(slot + SlotDescriptor.InstrumentIdOffset), instrumentId);
        Volatile.Write(ref slot[SlotDescriptor.TypeOffset], (byte)type);
        Volatile.Write(ref slot[SlotDescriptor.FlagsOffset], (byte)flags);
        Volatile.Write(ref *(ushort*)(slot + SlotDescriptor.PayloadLengthOffset), (ushort)payloadLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteTrade(byte* slot, in Trade trade)
    {
        var payload = slot + SlotDescriptor.PayloadOffset;
        Volatile.Write(ref *(long*)(payload + SlotDescriptor.TradePriceOffset), trade.Price);
        Volatile.Write(ref *(long*)(payload + SlotDescriptor.TradeSizeOffset), trade.Size);
        Volatile.Write(ref *(ulong*)(payload + SlotDescriptor.TradeIdOffset), trade.TradeId);
        Volatile.Write(ref *(long*)(payload + SlotDescriptor.TradeExchangeTimeOffset), trade.ExchangeTime);
        Volatile.Write(ref *(long*)(payload + SlotDescriptor.TradeReceiveTimeOffset), trade.ReceiveTime);
        // One 8-byte store writes the side and zeroes the reserved bytes after it.
        Volatile.Write(ref *(ulong*)(payload + SlotDescriptor.TradeSideOffset), (ulong)trade.Side);
    }

    /// <summary>Writes one book record's levels; the caller has checked they fit the slot.</summary>
    public static void WriteBook(byte* slot, long exchangeTime, long exchangeSequence, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, int chunkIndex, int chunkCount)
    {
        var payload = slot + SlotDescriptor.PayloadOffset;
        *(long*)(payload + SlotDescriptor.BookExchangeTimeOffset) = exchangeTime;
        payload[SlotDescriptor.BookBidCountOffset] = (byte)bids.Length;
        payload[SlotDescriptor.BookAskCountOffset] = (byte)asks.Length;
        *(ushort*)(payload + SlotDescriptor.BookChunkIndexOffset) = (ushort)chunkIndex;
        *(ushort*)(payload + SlotDescriptor.BookChunkCountOffset) = (ushort)chunkCount;
        *(ushort*)(payload + SlotDescriptor.BookChunkCountOffset + sizeof(ushort)) = 0;
        *(long*)(payload + SlotDescriptor.BookExchangeSequenceOffset) = exchangeSequence;
        var levels = new Span<PriceLevel>(payload + SlotDescriptor.BookLevelsOffset, bids.Length + asks.Length);
        bids.CopyTo(levels);
        asks.CopyTo(levels[bids.Length..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeartbeat(byte* slot, long wallClock) =>
        Volatile.Write(ref *(long*)(slot + SlotDescriptor.PayloadOffset + SlotDescriptor.HeartbeatWallClockOffset), wallClock);
}
