using AlphaPulse.Core.SharedMemory;
using CsCheck;

namespace AlphaPulse.Core.Tests;

public sealed unsafe class RecordEncodingTests
{
    private const int SlotSize = 256;

    private static readonly Gen<PriceLevel> Levels = Gen.Select(Gen.Long, Gen.Long, (price, size) => new PriceLevel(price, size));

    [Fact]
    public void ShouldRoundTripEveryTradeThroughItsSlotEncoding() =>
        Gen.Select(Gen.UShort, Gen.Long, Gen.Long, Gen.Enum<TradeSide>(), Gen.ULong, Gen.Long, Gen.Long)
            .Select((a, b, c, d, e, f, g) => new Trade(a, b, c, d, e, f, g))
            .Sample(trade =>
            {
                var slot = new byte[SlotSize];
                fixed (byte* p = slot)
                {
                    RecordEncoder.WriteHeader(p, 42, 7, trade.InstrumentId, RecordType.Trade, RecordFlags.BatchEnd, SlotDescriptor.TradeLength);
                    RecordEncoder.WriteTrade(p, trade);
                }

                Assert.True(RecordView.TryParse(slot, out var view));
                Assert.Equal(RecordType.Trade, view.Type);
                Assert.Equal(RecordFlags.BatchEnd, view.Flags);
                Assert.Equal(42, view.PublishTime);
                Assert.Equal(7u, view.Epoch);
                Assert.Equal(trade, view.Trade);
            });

    [Fact]
    public void ShouldRoundTripBookLevelsAndChunkFieldsThroughTheirSlotEncoding() =>
        Gen.Select(Levels.Array[0, 6], Levels.Array[0, 7], Gen.Long, Gen.UShort)
            .Sample((bids, asks, exchangeTime, chunkIndex) =>
            {
                var slot = new byte[SlotSize];
                fixed (byte* p = slot)
                {
                    RecordEncoder.WriteHeader(p, 1, 1, 3, RecordType.BookSnapshot, RecordFlags.BookReset, SlotDescriptor.BookLength(bids.Length + asks.Length));
                    RecordEncoder.WriteBook(p, exchangeTime, bids, asks, chunkIndex, ushort.MaxValue);
                }

                Assert.True(RecordView.TryParse(slot, out var view));
                var book = view.Book;
                Assert.Equal(bids, book.Bids.ToArray());
                Assert.Equal(asks, book.Asks.ToArray());
                Assert.Equal(exchangeTime, book.ExchangeTime);
                Assert.Equal(chunkIndex, book.ChunkIndex);
                Assert.Equal(ushort.MaxValue, book.ChunkCount);
                Assert.Equal(RecordFlags.BookReset, view.Flags);
                Assert.Equal(3, view.InstrumentId);
            });

    [Fact]
    public void ShouldRoundTripHeartbeatWallClock() =>
        Gen.Long.Sample(wallClock =>
        {
            var slot = new byte[SlotSize];
            fixed (byte* p = slot)
            {
                RecordEncoder.WriteHeader(p, 1, 1, 0, RecordType.Heartbeat, RecordFlags.None, SlotDescriptor.HeartbeatLength);
                RecordEncoder.WriteHeartbeat(p, wallClock);
            }

            Assert.True(RecordView.TryParse(slot, out var view));
            Assert.Equal(wallClock, view.HeartbeatWallClock);
        });

    [Fact]
    public void ShouldRefuseBytesShorterThanTheRecordTheyDeclare()
    {
        var slot = new byte[SlotSize];
        fixed (byte* p = slot)
        {
            RecordEncoder.WriteHeader(p, 1, 1, 0, RecordType.Trade, RecordFlags.None, SlotDescriptor.TradeLength);
        }

        Assert.False(RecordView.TryParse(slot.AsSpan(0, SlotDescriptor.HeaderLength + SlotDescriptor.TradeLength - 1), out _));
        Assert.False(RecordView.TryParse(slot.AsSpan(0, SlotDescriptor.HeaderLength - 1), out _));
    }

    [Fact]
    public void ShouldRefuseToReadARecordAsAnotherType()
    {
        var slot = new byte[SlotSize];
        fixed (byte* p = slot)
        {
            RecordEncoder.WriteHeader(p, 1, 1, 0, RecordType.Heartbeat, RecordFlags.None, SlotDescriptor.HeartbeatLength);
        }

        Assert.Throws<InvalidOperationException>(() => RecordView.TryParse(slot, out var view) && view.Trade.Price == 0);
    }
}
