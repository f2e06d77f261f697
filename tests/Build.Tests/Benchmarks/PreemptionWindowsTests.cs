using AlphaPulse.Bench.Reporting;
using CsCheck;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>
/// Which hops of the shm latency rounds another thread held up: a hop's span (intended send to receive)
/// touching a preemption of its own writer or reader, never of another pair's.
/// </summary>
public sealed class PreemptionWindowsTests
{
    private static readonly PreemptionGap[] Gaps = [new(7, 100, 200), new(8, 150, 400), new(9, 1_000, 2_000), new(7, 600, 610)];

    [Theory]
    [InlineData(50, 99, false)]
    [InlineData(50, 100, true)]
    [InlineData(120, 130, true)]
    [InlineData(300, 350, true)]
    [InlineData(400, 500, true)]
    [InlineData(401, 599, false)]
    [InlineData(605, 605, true)]
    [InlineData(611, 5_000, false)]
    [InlineData(0, 10_000, true)]
    public void ShouldTellWhetherAHopTouchesAPreemptionOfItsOwnThreads(long from, long to, bool overlaps)
    {
        var windows = new PreemptionWindows(Gaps, 7, 8);

        Assert.Equal(overlaps, windows.Overlaps(from, to));
    }

    [Fact]
    public void ShouldIgnoreThePreemptionsOfOtherThreadsAndKnowNoneWhenThereAreNone()
    {
        Assert.False(new PreemptionWindows(Gaps, 7, 8).Overlaps(1_500, 1_600));
        Assert.True(new PreemptionWindows(Gaps, 9).Overlaps(1_500, 1_600));
        Assert.False(new PreemptionWindows([], 7).Overlaps(long.MinValue, long.MaxValue));
        Assert.Equal(3, new PreemptionWindows(Gaps, 7, 8).Count);
    }

    [Fact]
    public void ShouldAgreeWithCheckingEveryWindowOneByOne()
    {
        var gap = Gen.Select(Gen.Int[1, 3], Gen.Long[0, 1_000], Gen.Long[0, 200]).Select((tid, from, length) => new PreemptionGap(tid, from, from + length));
        Gen.Select(gap.Array[0, 12], Gen.Long[0, 1_300], Gen.Long[0, 100]).Sample((gaps, from, length) =>
        {
            var windows = new PreemptionWindows(gaps, 1, 2);
            var expected = gaps.Any(g => g.Tid is 1 or 2 && g.FromNs <= from + length && g.ToNs >= from);
            return windows.Overlaps(from, from + length) == expected;
        });
    }
}
