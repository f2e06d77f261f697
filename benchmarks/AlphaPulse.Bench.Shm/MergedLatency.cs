using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The from-intended latencies of several runs of one kind (ours or the floor), merged from the
/// histograms the reader roles leave behind, so that interleaved rounds report one distribution.
/// Single-threaded: the suite owns it.
/// </summary>
internal sealed class MergedLatency
{
    private readonly LongHistogram _histogram = new(LatencyRecorder.Highest, 3);
    private long _overTarget;
    private long _lost;

    public long Count => _histogram.TotalCount;

    /// <summary>Adds one reader's run: its result fields and the histogram it wrote next to its ring.</summary>
    public void Add(Dictionary<string, double> reader, string histogramPath)
    {
        _overTarget += (long)reader["over_target"];
        _lost += (long)reader["lost"];
        _histogram.Add(HistogramFile.Read(histogramPath));
    }

    public double Percentile(double percentile) => _histogram.GetValueAtPercentile(percentile);

    /// <summary>p50 … p99.99, max, samples over 10 µs, samples and losses under <paramref name="prefix"/>.</summary>
    public void Report(Dictionary<string, double> metrics, string prefix)
    {
        metrics[prefix + "_p50_ns"] = Percentile(50);
        metrics[prefix + "_p99_ns"] = Percentile(99);
        metrics[prefix + "_p999_ns"] = Percentile(99.9);
        metrics[prefix + "_p9999_ns"] = Percentile(99.99);
        metrics[prefix + "_max_ns"] = _histogram.GetMaxValue();
        metrics[prefix + "_over_10us"] = _overTarget;
        metrics[prefix + "_samples"] = Count;
        metrics[prefix + "_lost"] = _lost;
    }
}
