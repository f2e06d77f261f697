using System.Diagnostics;

namespace AlphaPulse.Core.TestProcess;

/// <summary>A busy pause of about two microseconds: the writer keeps its core, so a reader stays at the head.</summary>
internal static class Pause
{
    private static readonly long Ticks = Stopwatch.Frequency / 500_000;

    public static void Briefly()
    {
        var until = Stopwatch.GetTimestamp() + Ticks;
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(1);
        }
    }
}
