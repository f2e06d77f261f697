using AlphaPulse.Build.Benchmarks;

namespace AlphaPulse.Build.Tests.Benchmarks;

/// <summary>
/// The shm p99 gate under the shared-vm profile: judged when the same-run floor shows the machine can
/// meet it, otherwise reported unmeasurable on that run — never passed, never weakened.
/// </summary>
public sealed class ConditionalGateTests : IDisposable
{
    private static readonly GateRequirement AbsoluteWhenFloorIsFast =
        new("latency_p99_ns", 10000, MeasurableWhen: new GateCondition("floor_latency_p99_ns", 5000));

    private readonly string _directory = Directory.CreateTempSubdirectory("alphapulse-conditional-gate").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private BenchReport Report(double floorP99, bool measurable) =>
        BenchReport.Read(Write($$"""
            {"suite":"shm","machine":"test","metrics":{"latency_p99_ns":21000,"floor_latency_p99_ns":{{floorP99}}},
             "gates":[{"name":"latency_p99_ns","value":21000,"threshold":10000,"unit":"ns","pass":false,"measurable":{{(measurable ? "true" : "false")}},"note":"floor too slow"}]}
            """));

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "shm.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ShouldReportTheAbsoluteGateUnmeasurableWhenTheSameRunFloorIsSlowerThanTheLimit()
    {
        var report = Report(floorP99: 8000, measurable: false);

        Assert.Empty(report.FailedGates([AbsoluteWhenFloorIsFast]));
        var unmeasurable = Assert.Single(report.UnmeasurableGates([AbsoluteWhenFloorIsFast]));
        Assert.Equal(("latency_p99_ns", "floor too slow"), (unmeasurable.Name, unmeasurable.Note));
    }

    [Fact]
    public void ShouldFailAGateTheSuiteCalledUnmeasurableWhenTheFloorWasFastEnough()
    {
        var report = Report(floorP99: 3000, measurable: false);

        Assert.Empty(report.UnmeasurableGates([AbsoluteWhenFloorIsFast]));
        Assert.Equal("latency_p99_ns", Assert.Single(report.FailedGates([AbsoluteWhenFloorIsFast])).Name);
    }

    [Fact]
    public void ShouldJudgeTheGateWithoutAConditionHoweverSlowTheFloor()
    {
        var report = Report(floorP99: 8000, measurable: false);
        var unconditional = new GateRequirement("latency_p99_ns", 10000);

        Assert.Empty(report.UnmeasurableGates([unconditional]));
        Assert.Single(report.FailedGates([unconditional]));
    }

    [Fact]
    public void ShouldPassTheConditionToTheSuiteAfterTheThreshold() =>
        Assert.Equal("latency_p99_ns=10000?floor_latency_p99_ns<5000", AbsoluteWhenFloorIsFast.ToArgument());
}
