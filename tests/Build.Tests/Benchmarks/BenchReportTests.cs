using AlphaPulse.Build.Benchmarks;

namespace AlphaPulse.Build.Tests.Benchmarks;

public sealed class BenchReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alphapulse-bench-report").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "shm.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Passing = """
        {"suite":"shm","machine":"test","metrics":{"latency_p99_ns":850,"throughput_msgs_per_s":2000000},
         "gates":[{"name":"latency_p99_ns","value":850,"threshold":10000,"unit":"ns","pass":true}]}
        """;

    [Fact]
    public void ShouldPassWhenEveryRequiredGateIsMet()
    {
        var report = BenchReport.Read(Write(Passing));

        Assert.Equal("shm", report.Suite);
        Assert.Equal(850, report.Metrics["latency_p99_ns"]);
        Assert.Empty(report.FailedGates([new GateRequirement("latency_p99_ns", 10000)]));
    }

    [Fact]
    public void ShouldFailAGateWhoseValueReachesTheThresholdEvenIfTheSuiteSaysPass()
    {
        var report = BenchReport.Read(Write(Passing.Replace("\"value\":850", "\"value\":10000", StringComparison.Ordinal)));

        var failed = Assert.Single(report.FailedGates([new GateRequirement("latency_p99_ns", 10000)]));
        Assert.Equal("latency_p99_ns = 10000 ns, threshold 10000 ns", BenchReport.Describe(failed));
    }

    [Fact]
    public void ShouldFailWhenTheSuiteMarksAGateFailed()
    {
        var report = BenchReport.Read(Write(Passing.Replace("\"pass\":true", "\"pass\":false", StringComparison.Ordinal)));

        Assert.Single(report.FailedGates([]));
    }

    [Fact]
    public void ShouldFailWhenARequiredGateIsMissingOrHasAnotherThreshold()
    {
        var report = BenchReport.Read(Write(Passing));

        var failed = report.FailedGates([new GateRequirement("latency_p99_ns", 5000), new GateRequirement("throughput_msgs_per_s", 100000, IsLowerBound: true)]);

        Assert.Equal(["latency_p99_ns", "throughput_msgs_per_s"], failed.Select(gate => gate.Name));
        Assert.StartsWith("throughput_msgs_per_s: the suite reported no gate", BenchReport.Describe(failed[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTreatThroughputGatesAsLowerBounds()
    {
        var requirement = new GateRequirement("throughput_msgs_per_s", 100000, IsLowerBound: true);

        Assert.True(requirement.IsMetBy(100000));
        Assert.False(requirement.IsMetBy(99999));
        Assert.Equal("throughput_msgs_per_s>=100000", requirement.ToArgument());
        Assert.Equal("latency_p99_ns=10000", new GateRequirement("latency_p99_ns", 10000).ToArgument());
    }

    [Fact]
    public void ShouldExplainAMissingOrMalformedReport()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => BenchReport.Read(Path.Combine(_directory, "none.json")));
        var malformed = Assert.Throws<InvalidDataException>(() => BenchReport.Read(Write("{\"suite\": 3")));

        Assert.Contains("bench suite wrote no report", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not in the DESIGN.md contract", malformed.Message, StringComparison.Ordinal);
    }
}
