using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>
/// The windows a measuring thread saw itself off its core: only gaps longer than the threshold between
/// two consecutive idle-loop clock reads, written and read back as the suite does, and never more than
/// the log holds.
/// </summary>
public sealed class StallLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "alphapulse-stalls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ShouldKeepOnlyGapsLongerThanTheThreshold()
    {
        var log = new StallLog();

        log.Note(1_000, 1_000 + StallLog.GapNs);
        log.Note(5_000, 5_000 + StallLog.GapNs + 1);
        log.Note(10_000, 10_050);
        log.Note(20_000, 2_020_000);

        Assert.Equal(2, log.Count);
        log.Write(_path);
        Assert.Equal([new PreemptionGap(42, 5_000, 5_000 + StallLog.GapNs + 1), new PreemptionGap(42, 20_000, 2_020_000)], StallLog.Read(_path, 42));
    }

    [Fact]
    public void ShouldCountGapsBeyondItsCapacityWithoutKeepingThem()
    {
        var log = new StallLog(capacity: 2);

        for (var i = 0; i < 5; i++)
        {
            log.Note(i * 1_000_000L, (i * 1_000_000L) + 500_000);
        }

        Assert.Equal(2, log.Count);
        Assert.Equal(3, log.Dropped);
        log.Write(_path);
        Assert.Equal([0L, 1_000_000L], StallLog.Read(_path, 1).Select(gap => gap.FromNs));
    }

    [Fact]
    public void ShouldReadAnEmptyLogAsNoStalls()
    {
        new StallLog().Write(_path);

        Assert.Empty(StallLog.Read(_path, 1));
    }

    [Fact]
    public void ShouldRefuseALogThatHoldsNothing() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StallLog(capacity: 0));

    public void Dispose() => File.Delete(_path);
}
