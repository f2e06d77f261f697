using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>
/// Which hops of an shm latency round the unstalled p99 leaves out: every hop slower than the shortest stall a
/// thread logs whose span a stall of its own writer or reader touches, and no other.
/// </summary>
public sealed class HopSamplesTests
{
    private const int Writer = 7;
    private const int Reader = 8;

    [Theory]
    [InlineData(5_000)]
    [InlineData(9_999)]
    [InlineData(250_000)]
    public void ShouldLeaveOutAHopOverTwoMicrosecondsThatItsReadersStallTouched(long latency)
    {
        var hops = new HopSamples();
        hops.Add(1_000_000, 1_000_000 + latency, latency);
        hops.Add(2_000_000, 2_000_000 + latency, latency);

        var (kept, excluded) = hops.Unstalled(new PreemptionWindows([new PreemptionGap(Reader, 1_000_100, 1_000_100 + StallLog.GapNs + 1)], Writer, Reader));

        Assert.Equal(1, excluded);
        Assert.Equal(1, kept.TotalCount);
        Assert.InRange(kept.GetMaxValue(), latency, latency * 1.01);
    }

    [Fact]
    public void ShouldKeepAHopNoLoggedStallFitsInWhateverTouchesIt()
    {
        var hops = new HopSamples();
        hops.Add(1_000_000, 1_000_000 + HopSamples.SplitNs, HopSamples.SplitNs);
        hops.Add(2_000_000, 2_000_400, 400);

        var (kept, excluded) = hops.Unstalled(new PreemptionWindows([new PreemptionGap(Writer, 0, 3_000_000)], Writer, Reader));

        Assert.Equal(0, excluded);
        Assert.Equal(2, kept.TotalCount);
    }

    [Fact]
    public void ShouldNeverLeaveOutTheSlowHopsBeyondItsCapacityAndCountThem()
    {
        var hops = new HopSamples(slowCapacity: 1);
        hops.Add(1_000_000, 1_050_000, 50_000);
        hops.Add(2_000_000, 2_050_000, 50_000);

        var (kept, excluded) = hops.Unstalled(new PreemptionWindows([new PreemptionGap(Reader, 0, 3_000_000)], Writer, Reader));

        Assert.Equal((1, 1, 1L), (hops.SlowCount, hops.SlowDropped, excluded));
        Assert.Equal(1, kept.TotalCount);
        Assert.Equal(2, hops.All().TotalCount);
    }

    [Fact]
    public void ShouldReadBackWhatItWrote()
    {
        var directory = Directory.CreateTempSubdirectory("alphapulse-hops-");
        try
        {
            var hops = new HopSamples();
            hops.Add(1_000, 1_300, 300);
            hops.Add(5_000, 12_000, 7_000);
            var path = Path.Combine(directory.FullName, "shm.ring.hist");
            hops.Write(path);

            var read = HopSamples.Read(path);

            Assert.Equal((1L, 1L), (read.SlowCount, read.KeptAlways.TotalCount));
            Assert.Equal(1, read.Unstalled(new PreemptionWindows([new PreemptionGap(Writer, 6_000, 9_000)], Writer)).Excluded);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
