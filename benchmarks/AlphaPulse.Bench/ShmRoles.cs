using System.Globalization;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bench;

/// <summary>
/// The shared-memory side of the harness: a writer process publishing trades on a schedule (the
/// trade's exchange time carries the intended send time, its receive time the message index) and a
/// busy-spinning reader process recording one-way latency. Each runs on its own pinned thread.
/// </summary>
internal static class ShmRoles
{
    public const long EndMarker = -1;

    public static RingOptions Options => new() { SlotSize = 128, SlotCount = 1 << 16, Instruments = [new InstrumentSpec("BENCH-USD", 2, 8)] };

    public static int Writer(RoleArguments a)
    {
        var pinned = CpuAffinity.PinCurrentThread(a.Cpu) && CpuAffinity.RaisePriority();
        using var writer = RingWriter.Open(a.Path, Options);
        Console.WriteLine("ready");
        _ = Console.ReadLine();

        var schedule = new SendSchedule(a.Rate);
        var allocated = 0L;
        for (long i = 0; i < a.Count; i++)
        {
            if (i == a.Warmup)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread();
            }

            var intended = schedule.WaitFor(i);
            _ = writer.PublishTrade(new Trade(0, 6_701_234, 100_000_000, TradeSide.Buy, (ulong)i, intended, i));
        }

        var elapsed = MonotonicClock.NowNanoseconds() - schedule.Start;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        _ = writer.PublishHeartbeat(EndMarker);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result rate={a.Count * 1e9 / elapsed:F0} alloc={allocated} pinned={pinned}"));
        return 0;
    }

    public static int Reader(RoleArguments a)
    {
        var pinned = CpuAffinity.PinCurrentThread(a.Cpu) && CpuAffinity.RaisePriority();
        using var reader = RingReader.Open(a.Path, new ReaderOptions { Start = StartPosition.Newest, Idle = IdleMode.BusySpin });
        var recorder = new LatencyRecorder();
        Console.WriteLine("ready");

        // Counted from the end of warm-up (first-call type loading allocates once); histograms are
        // pre-sized, so recording allocates nothing either.
        var allocated = 0L;
        while (true)
        {
            if (!reader.TryRead(out var record))
            {
                continue;
            }

            var received = MonotonicClock.NowNanoseconds();
            if (record.Type == RecordType.Heartbeat)
            {
                break;
            }

            var trade = record.Trade;
            if (trade.ReceiveTime == a.Warmup)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread();
            }

            if (trade.ReceiveTime >= a.Warmup)
            {
                recorder.Record(trade.ExchangeTime, record.PublishTime, received);
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Console.WriteLine(recorder.ResultLine(string.Create(CultureInfo.InvariantCulture,
            $"lost={reader.Lost} lapped={reader.Lapped} alloc={allocated} pinned={pinned}")));
        return 0;
    }
}
