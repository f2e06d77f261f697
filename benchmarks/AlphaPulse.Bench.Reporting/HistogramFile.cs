using HdrHistogram;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// How a harness child hands a latency histogram to the suite: its recorded buckets as (value, count) pairs
/// (<see cref="LongPairsFile"/>). Not HdrHistogram's compressed log: HdrHistogram.NET 2.5's reader fails a
/// full run's widely spread histogram with "The buffer does not contain the indicated payload amount" (it
/// takes one short read of the inflated payload as the whole). Stateless.
/// </summary>
public static class HistogramFile
{
    public static void Write(string path, LongHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buckets = new List<long>();
        foreach (var bucket in histogram.AllValues())
        {
            if (bucket.CountAtValueIteratedTo > 0)
            {
                buckets.Add(bucket.ValueIteratedTo);
                buckets.Add(bucket.CountAtValueIteratedTo);
            }
        }

        LongPairsFile.Write(path, [.. buckets], buckets.Count / 2);
    }

    /// <summary>The histogram written at <paramref name="path"/>, with the suite's range (1 ns to 10 s, 3 digits).</summary>
    public static LongHistogram Read(string path)
    {
        var histogram = new LongHistogram(HopSamples.HighestNs, 3);
        var values = LongPairsFile.Read(path);
        for (var i = 0; i < values.Length; i += 2)
        {
            histogram.RecordValueWithCount(values[i], values[i + 1]);
        }

        return histogram;
    }
}
