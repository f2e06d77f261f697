using HdrHistogram;

namespace AlphaPulse.WebSocketServer.Diagnostics;

/// <summary>
/// One exchange's shared-memory latency over one stats interval: mean, max and the p50/p99 the dashboard
/// charts (HdrHistogram, 3 significant digits, values clamped to an hour). Recording allocates nothing.
/// Hub thread only; <see cref="Reset"/> starts the next interval.
/// </summary>
internal sealed class IntervalLatency
{
    private static readonly long HighestNanoseconds = TimeSpan.FromHours(1).Ticks * 100;

    private readonly LongHistogram _histogram = new(HighestNanoseconds, 3);
    private long _sum;
    private long _max;

    /// <summary>Records in this interval (the histogram counts them; sum and max are kept exact beside it).</summary>
    public long Count => _histogram.TotalCount;

    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, HighestNanoseconds);
        _histogram.RecordValue(value);
        _sum += value;
        _max = Math.Max(_max, value);
    }

    public double MeanMicroseconds => Count == 0 ? 0 : _sum / (double)Count / 1000;

    public double MaxMicroseconds => _max / 1000.0;

    /// <summary>The latency at <paramref name="percentile"/> (0–100) in µs; 0 when nothing was recorded.</summary>
    public double PercentileMicroseconds(double percentile) => Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public void Reset()
    {
        _histogram.Reset();
        _sum = _max = 0;
    }
}
