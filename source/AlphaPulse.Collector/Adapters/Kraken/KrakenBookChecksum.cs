using System.Runtime.CompilerServices;
using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.Checksums;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>
/// Kraken's CRC-32 over the collector's own book, to compare with a message's <c>checksum</c> between Apply and
/// Commit. The book holds fixed point; the checksum's digits are each number's wire text without its point and
/// leading zeros, which — Kraken writing full precision — is the value as an integer at the wire's decimals, so
/// the book's value is re-scaled to those decimals (exact: the reader saw no more digits than that). The CRC is the
/// shared core's <see cref="KrakenChecksum"/>, the one the simulator sends. One per session; single-threaded;
/// allocation-free.
/// </summary>
internal sealed class KrakenBookChecksum(int priceScale, int sizeScale)
{
    private readonly KrakenChecksum _crc = new();

    /// <summary>The checksum of the book's top 10 asks (best first) then top 10 bids (best first).</summary>
    public uint Compute(ReadOnlyOrderBook book, int priceDecimals, int quantityDecimals)
    {
        AppendSide(book, BookSide.Ask, priceDecimals, quantityDecimals);
        AppendSide(book, BookSide.Bid, priceDecimals, quantityDecimals);
        return _crc.Complete();
    }

    private void AppendSide(ReadOnlyOrderBook book, BookSide side, int priceDecimals, int quantityDecimals)
    {
        Span<PriceLevel> top = stackalloc PriceLevel[KrakenChecksum.Levels];
        var levels = book.CopyTop(side, top);
        var priceDivisor = Divisor(priceScale, priceDecimals);
        var sizeDivisor = Divisor(sizeScale, quantityDecimals);
        for (var i = 0; i < levels; i++)
        {
            _crc.AppendLevel(Digits(top[i].Price, priceScale, priceDecimals, priceDivisor), Digits(top[i].Size, sizeScale, quantityDecimals, sizeDivisor));
        }
    }

    private static long Divisor(int scale, int decimals) => FixedPoint.Scale(Math.Abs(scale - decimals));

    /// <summary>A fixed-point value at <paramref name="scale"/> as an integer at <paramref name="decimals"/> (<paramref name="factor"/> = 10^|scale − decimals|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Digits(long value, int scale, int decimals, long factor) =>
        decimals <= scale ? (ulong)(value / factor) : (ulong)value * (ulong)factor;
}
