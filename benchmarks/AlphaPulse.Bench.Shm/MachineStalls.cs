using System.Diagnostics;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// How much of a spinning thread's time this machine takes away: one thread, pinned to a core, reads the
/// clock in a tight loop for a while and adds up every gap longer than 10 µs. Nothing of ours runs
/// meanwhile, so what it finds (preemption, host steal time) is the floor under any latency tail here.
/// </summary>
internal static class MachineStalls
{
    private const long GapNs = 10_000;

    public static (double StalledFraction, double LongestGapNs) Measure(int cpu, TimeSpan duration)
    {
        var result = (0.0, 0.0);
        var thread = new Thread(() =>
        {
            _ = CpuAffinity.PinCurrentThread(cpu) && CpuAffinity.RaisePriority();
            var nsPerTick = 1e9 / Stopwatch.Frequency;
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var previous = start;
            double stalled = 0, longest = 0;
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                var gap = (now - previous) * nsPerTick;
                previous = now;
                if (gap > GapNs)
                {
                    stalled += gap;
                    longest = Math.Max(longest, gap);
                }
                if (now >= end)
                {
                    break;
                }
            }
            result = (stalled / ((end - start) * nsPerTick), longest);
        });
        thread.Start();
        thread.Join();
        return result;
    }
}
