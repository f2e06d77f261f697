using System.Runtime.CompilerServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Writes a record's slot header (all but the sequence word) and payload at a slot address, exactly
/// as <see cref="SlotDescriptor"/> lays them out. Stateless; the caller owns the slot (the writer
/// between claim and commit, or a test over its own buffer). Plain stores: ordering is the caller's.
/// </summary>
internal static unsafe class RecordEncoder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeader(byte* slot, long publishTime, uint epoch, ushort instrumentId, RecordType type, RecordFlags flags, int payloadLength)
    {
        *(long*)(slot + SlotDescriptor.PublishTimeOffset) = publishTime;
        *(uint*)(slot + SlotDescriptor.EpochOffset) = epoch;
        *(ushort*)(slot + SlotDescriptor.InstrumentIdOffset) = instrumentId;
        slot[SlotDescriptor.TypeOffset] = (byte)type;
        slot[SlotDescriptor.FlagsOffset] = (byte)flags;
        *(ushort*)(slot + SlotDescriptor.PayloadLengthOffset) = (ushort)payloadLength;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteTrade(byte* slot, in Trade trade)
    {
        var payload = slot + SlotDescriptor.PayloadOffset;
        *(long*)(payload + SlotDescriptor.TradePriceOffset) = trade.Price;
        *(long*)(payload + SlotDescriptor.TradeSizeOffset) = trade.Size;
        *(ulong*)(payload + SlotDescriptor.TradeIdOffset) = trade.TradeId;
        *(long*)(payload + SlotDescriptor.TradeExchangeTimeOffset) = trade.ExchangeTime;
        *(long*)(payload + SlotDescriptor.TradeReceiveTimeOffset) = trade.ReceiveTime;
        // One 8-byte store writes the side and zeroes the reserved bytes after it.
        *(ulong*)(payload + SlotDescriptor.TradeSideOffset) = (byte)trade.Side;
    }

    /// <summary>Writes one book record's levels; the caller has checked they fit the slot.</summary>
    public static void WriteBook(byte* slot, long exchangeTime, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, int chunkIndex, int chunkCount)
    {
        var payload = slot + SlotDescriptor.PayloadOffset;
        *(long*)(payload + SlotDescriptor.BookExchangeTimeOffset) = exchangeTime;
        payload[SlotDescriptor.BookBidCountOffset] = (byte)bids.Length;
        payload[SlotDescriptor.BookAskCountOffset] = (byte)asks.Length;
        *(ushort*)(payload + SlotDescriptor.BookChunkIndexOffset) = (ushort)chunkIndex;
        *(ushort*)(payload + SlotDescriptor.BookChunkCountOffset) = (ushort)chunkCount;
        *(ushort*)(payload + SlotDescriptor.BookChunkCountOffset + sizeof(ushort)) = 0;
        var levels = new Span<PriceLevel>(payload + SlotDescriptor.BookLevelsOffset, bids.Length + asks.Length);
        bids.CopyTo(levels);
        asks.CopyTo(levels[bids.Length..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteHeartbeat(byte* slot, long wallClock) =>
        *(long*)(slot + SlotDescriptor.PayloadOffset + SlotDescriptor.HeartbeatWallClockOffset) = wallClock;
}
