using System.Globalization;
using AlphaPulse.Bench.Reporting;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The shared-memory side of the harness: a writer process publishing trades on a schedule (the
/// trade's exchange time carries the intended send time, its receive time the message index) and a
/// reader process recording one-way latency. Each measures on its own pinned thread.
/// </summary>
internal static class ShmRoles
{
    public const long EndMarker = -1;

    /// <summary>128-byte slots × 65,536: an 8 MiB ring, the geometry the floor copies.</summary>
    public const int SlotSize = 128;

    public const int SlotCount = 1 << 16;

    public static int Writer(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        using var writer = RingWriter.Open(a.Path, new RingOptions
        {
            SlotSize = SlotSize,
            SlotCount = SlotCount,
            Prefault = a.Settings.Prefault,
            Instruments = [new InstrumentSpec("BENCH-USD", 2, 8)],
        });
        Console.WriteLine("ready");
        _ = Console.ReadLine();

        var schedule = new SendSchedule(a.Rate);
        var stalls = new StallLog();
        var allocated = 0L;
        for (long i = 0; i < a.Count; i++)
        {
            if (i == a.Warmup)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread();
            }

            var intended = schedule.WaitFor(i, stalls);
            _ = writer.PublishTrade(new Trade(0, 6_701_234, 100_000_000, TradeSide.Buy, (ulong)i, intended, i));
        }

        var elapsed = MonotonicClock.NowNanoseconds() - schedule.Start;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        _ = writer.PublishHeartbeat(EndMarker);
        stalls.Write(a.Path + StallLog.WriterSuffix);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result rate={a.Count * 1e9 / elapsed:F0} alloc={allocated} pinned={pinned}"));
        return 0;
    }

    public static int Reader(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        var idle = a.Settings.BusySpin ? IdleMode.BusySpin : IdleMode.SpinThenYield;
        using var reader = RingReader.Open(a.Path, new ReaderOptions { Start = StartPosition.Newest, Idle = idle, Prefault = a.Settings.Prefault });
        var recorder = new LatencyRecorder(a.Settings.HdrRecording, a.Count - a.Warmup);
        Console.WriteLine("ready");

        // Counted from the end of warm-up (first-call type loading allocates once); histograms are
        // pre-sized, so recording allocates nothing either.
        var allocated = 0L;
        var stalls = new StallLog();
        var polled = MonotonicClock.NowNanoseconds();
        while (true)
        {
            // Busy-spin polls with no pause at all, as the floor does; otherwise the reader's idle strategy.
            if (!(a.Settings.BusySpin ? reader.TryRead(out var record) : reader.Read(out record, CancellationToken.None)))
            {
                polled = stalls.Polled(polled, MonotonicClock.NowNanoseconds());
                continue;
            }

            var received = MonotonicClock.NowNanoseconds();
            polled = received;
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
        stalls.Write(a.Path + StallLog.ReaderSuffix);
        Console.WriteLine(recorder.ResultLine(string.Create(CultureInfo.InvariantCulture,
            $"lost={reader.Lost} lapped={reader.Lapped} alloc={allocated} pinned={pinned}"), a.Path + LatencyRecorder.HistogramSuffix));
        return 0;
    }
}
