using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>
/// The shm suite's scheduler trace reading (Bench --trace-scheduler): which threads ran on a measured core
/// while its measuring thread was runnable, cut to the measuring window, per core.
/// </summary>
public sealed class PreemptionsTests
{
    // Measuring threads 100 (core 0) and 101 (core 1), measuring from 1.0 s to 2.0 s on the mono clock.
    private static readonly MeasuredThread[] Measured = [new(100, 1_000_000_000, 2_000_000_000), new(101, 1_000_000_000, 2_000_000_000)];

    private static string Switch(int cpu, string at, string previous, int previousTid, string state, string next, int nextTid, bool tgid = false) =>
        $"          {previous}-{previousTid}     {(tgid ? "(     99) " : string.Empty)}[{cpu:000}] d..2.     {at}: sched_switch: prev_comm={previous} prev_pid={previousTid} prev_prio=100 prev_state={state} ==> next_comm={next} next_pid={nextTid} next_prio=120";

    private static readonly string[] Trace =
    [
        "# tracer: nop",
        Switch(0, "1.100000", "dotnet", 100, "R", "kworker/0:1", 5),
        Switch(0, "1.100400", "kworker/0:1", 5, "I", ".NET Tiered Com", 7),
        Switch(1, "1.103000", "dotnet", 101, "R+", "bash", 9, tgid: true),
        Switch(1, "1.103050", "bash", 9, "S", "dotnet", 101, tgid: true),
        Switch(0, "1.104400", ".NET Tiered Com", 7, "S", "dotnet", 100),
        Switch(0, "1.200000", "dotnet", 100, "S", "swapper/0", 0),
        Switch(0, "1.200010", "swapper/0", 0, "R", "dotnet", 100),
        Switch(1, "1.300000", "dotnet", 200, "R", "make", 11),
        Switch(1, "1.300900", "make", 11, "S", "dotnet", 200),
        Switch(0, "2.500000", "dotnet", 100, "R", "csc", 12),
        Switch(0, "2.509000", "csc", 12, "S", "dotnet", 100),
    ];

    [Fact]
    public void ShouldNameEachThreadThatRanWhileAMeasuringThreadWaitedForItsCore()
    {
        var preemptions = Preemptions.Analyse(Trace, Measured);

        Assert.Equal(
            [new Offender(".NET Tiered Com", 4_000_000, 1, 4_000_000), new Offender("kworker/0:1", 400_000, 1, 400_000), new Offender("bash", 50_000, 1, 50_000)],
            preemptions.Offenders);
        Assert.Equal(2, preemptions.Count);
        Assert.Equal(4_450_000, preemptions.TotalNs);
        Assert.Equal(4_400_000, preemptions.LongestNs);
    }

    [Fact]
    public void ShouldLeaveOutWaitsOtherThreadsAndTimeOutsideTheMeasuringWindow()
    {
        var preemptions = Preemptions.Analyse(Trace, [new MeasuredThread(100, 2_000_000_001, 3_000_000_000)]);

        Assert.Equal([new Offender("csc", 9_000_000, 1, 9_000_000)], preemptions.Offenders);
        Assert.Equal(1, preemptions.Count);
        Assert.Empty(Preemptions.Analyse(Trace, []).Offenders);
    }

    [Fact]
    public void ShouldRenderTheLargestOffendersAsAMarkdownTable()
    {
        var table = Preemptions.Analyse(Trace, Measured).ToMarkdown(top: 2);

        Assert.Contains("Measuring threads preempted 2 times, 4.45 ms in all, longest 4400 µs.", table, StringComparison.Ordinal);
        Assert.Contains("| .NET Tiered Com | 4 | 1 | 4000 |", table, StringComparison.Ordinal);
        Assert.Contains("| kworker/0:1 | 0.4 | 1 | 400 |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("bash", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldListEachPreemptionOfAMeasuringThreadFromItsSwitchOutUntilItRunsAgain()
    {
        var preemptions = Preemptions.Analyse(Trace, Measured);

        Assert.Equal([new PreemptionGap(101, 1_103_000_000, 1_103_050_000), new PreemptionGap(100, 1_100_000_000, 1_104_400_000)], preemptions.Gaps);
    }
}
