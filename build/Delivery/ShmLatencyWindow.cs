using AlphaPulse.Build.Local;
using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The shared-memory latency check of Deploy's validation, wherever the services' /metrics come from
/// (the local containers or the API server's pod proxy): the WebSocket servers' latency buckets summed
/// at the start and at the end of a window, and the p99 of the difference held to the threshold of the
/// <c>ShmLatencyHigh</c> alert — what this version does now, not since start-up.
/// </summary>
public static class ShmLatencyWindow
{
    public const string Metric = "alphapulse_ws_shm_latency_seconds";

    /// <summary>The cumulative buckets of <see cref="Metric"/> summed over every exposition.</summary>
    public static IReadOnlyList<(double UpperBound, double Count)> Buckets(IEnumerable<string> expositions)
    {
        var totals = new SortedDictionary<double, double>();
        foreach (var exposition in expositions)
        {
            foreach (var (bound, count) in PrometheusText.Buckets(exposition, Metric))
            {
                totals[bound] = totals.GetValueOrDefault(bound) + count;
            }
        }
        return [.. totals.Select(bucket => (bucket.Key, bucket.Value))];
    }

    public static Check Judge(IReadOnlyList<(double UpperBound, double Count)> before, IReadOnlyList<(double UpperBound, double Count)> after, ValidationThresholds thresholds, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(thresholds);
        var same = before.Count == 0 || before.Select(bucket => bucket.UpperBound).SequenceEqual(after.Select(bucket => bucket.UpperBound));
        var difference = after.Select((bucket, i) => (bucket.UpperBound, bucket.Count - (before.Count == 0 ? 0 : before[i].Count))).ToList();
        var records = difference.Count > 0 ? difference[^1].Item2 : 0;
        var p99 = same ? HistogramQuantile.Of(0.99, difference) : null;
        return new Check("shared-memory latency", p99 is { } value && value <= thresholds.SharedMemoryLatencyP99Seconds,
            p99 is { } measured
                ? $"p99 {measured * 1e6:F1} µs over the {records:F0} records of the last {window.TotalSeconds:F0} s (threshold {thresholds.SharedMemoryLatencyP99Seconds * 1e6:F0} µs, alert {AlertRules.ShmLatencyHigh})"
                : $"no record read in {window.TotalSeconds:F0} s");
    }
}
