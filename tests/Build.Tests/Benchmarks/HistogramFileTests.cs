using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>A harness child's latency histogram reaches the suite whole, however widely its values spread.</summary>
public sealed class HistogramFileTests
{
    [Fact]
    public void ShouldReadBackEveryBucketOfAWidelySpreadHistogram()
    {
        var directory = Directory.CreateTempSubdirectory("alphapulse-histogram-");
        try
        {
            // A full run's shape: two million hops from 100 ns to seconds, most buckets of the range filled.
            var written = new LongHistogram(HopSamples.HighestNs, 3);
            var random = new Random(13);
            for (var i = 0; i < 2_000_000; i++)
            {
                written.RecordValue((long)Math.Pow(10, 2 + (random.NextDouble() * 7.5)));
            }

            var path = Path.Combine(directory.FullName, "shm.ring.hist");
            HistogramFile.Write(path, written);
            var read = HistogramFile.Read(path);

            Assert.Equal(written.TotalCount, read.TotalCount);
            foreach (var percentile in new[] { 50.0, 99.0, 99.9, 99.99, 100.0 })
            {
                Assert.Equal(written.GetValueAtPercentile(percentile), read.GetValueAtPercentile(percentile));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
