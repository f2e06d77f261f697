using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AlphaPulse.Core;

/// <summary>
/// The clock every process on a host shares for publish times: <see cref="Stopwatch.GetTimestamp"/>,
/// which is CLOCK_MONOTONIC on Linux, in nanoseconds. Stateless; safe from any thread.
/// </summary>
public static class MonotonicClock
{
    private static readonly bool IsNanoseconds = Stopwatch.Frequency == 1_000_000_000;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Monotonic nanoseconds; comparable across processes on the same host.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowNanoseconds()
    {
        var ticks = Stopwatch.GetTimestamp();
        return IsNanoseconds ? ticks : OnOtherFrequency(ticks);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long OnOtherFrequency(long ticks) => (long)(ticks * NanosecondsPerTick);
}
