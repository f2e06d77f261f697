using System.Diagnostics;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings.TestWriter;

/// <summary>
/// Paced trades for the bench's publish → visible-in-Python latency: one trade every interval (0: as fast as it can),
/// its exchange time the monotonic time it was scheduled for, so the reader measures from the schedule (coordinated
/// omission corrected) with its own CLOCK_MONOTONIC on receipt.
/// </summary>
internal static class StreamScenario
{
    public static void Run(string path, long count, int intervalMicroseconds)
    {
        var options = new RingOptions { SlotSize = 256, SlotCount = 64 * 1024, Instruments = [new InstrumentSpec("BENCH-USD", 2, 8)] };
        using var writer = RingWriter.Open(path, options);
        Console.WriteLine("ready");
        _ = Console.ReadLine();
        var interval = intervalMicroseconds * 1_000L;
        var next = MonotonicClock.NowNanoseconds();
        for (long i = 1; i <= count; i++)
        {
            // Busy-wait to the scheduled time: a sleep would add the scheduler's wake-up to every sample.
            while (MonotonicClock.NowNanoseconds() < next)
            {
                Thread.SpinWait(20);
            }
            _ = writer.PublishTrade(new Trade(0, 6_700_000 + (i % 100), 100_000_000, TradeSide.Sell, (ulong)i, next, i));
            next += interval;
        }
        Debug.Assert(writer.LastSequence == count, "every trade is one record");
        Console.WriteLine("done");
    }
}
