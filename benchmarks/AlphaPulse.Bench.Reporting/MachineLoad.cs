using System.Globalization;

namespace AlphaPulse.Bench.Reporting;

/// <summary>The host's load, recorded beside a suite's figures so a noisy run can be told from a regression.</summary>
public static class MachineLoad
{
    /// <summary>The one-minute load average from /proc/loadavg (0 where there is none).</summary>
    public static double OneMinute()
    {
        var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : "0";
        return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal) is var end and > 0 ? end : text.Length), CultureInfo.InvariantCulture);
    }
}
