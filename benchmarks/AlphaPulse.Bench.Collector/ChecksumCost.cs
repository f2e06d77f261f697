using System.Diagnostics;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// <c>kraken_checksum_ns</c>: one verification of Kraken's CRC-32 over a collector book (top 10 asks and bids of a
/// 1,000-level book re-scaled to the wire's decimals) — the work the Kraken session adds to every book message.
/// </summary>
internal static class ChecksumCost
{
    public static double NanosecondsPerChecksum(int iterations)
    {
        var book = new OrderBook(1024);
        for (var i = 1; i <= 1000; i++)
        {
            _ = book.Apply(BookSide.Bid, (6_701_234 - i) * 1_000_000L, i * 12_345L);
            _ = book.Apply(BookSide.Ask, (6_701_234 + i) * 1_000_000L, i * 54_321L);
        }
        var checksum = new KrakenBookChecksum(8, 8);
        var sink = 0u;
        for (var i = 0; i < 10_000; i++)
        {
            sink ^= checksum.Compute(book.AsReadOnly(), 2, 8);
        }
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            sink ^= checksum.Compute(book.AsReadOnly(), 2, 8);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        GC.KeepAlive(sink);
        return elapsed.TotalNanoseconds / iterations;
    }
}
