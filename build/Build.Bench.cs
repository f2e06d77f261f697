using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

partial class Build
{
    [Parameter("Bench suites to run (default: every suite)")]
    readonly BenchSuite[] Suite = [];

    [Parameter("Short bench runs for CI (each suite well under a minute)")]
    readonly bool Quick;

    [Parameter("Gate: shm publish→read p99 latency must stay below this many nanoseconds")]
    readonly long ShmLatencyP99ThresholdNs = 10_000;

    [Parameter("Gate: the Unix-socket baseline's p50 must be at least this many times the shm p50, in the same run")]
    readonly double ShmUdsP50RatioMinimum = 20;

    [Parameter("Gate: WebSocket publish → client receive p99 at 1,000 clients must stay below this many milliseconds")]
    readonly double WebSocketLatencyP99ThresholdMs = 1;

    [Parameter("Gate: WebSocket p99 at 1,000 clients divided by the Node ws baseline's p99 in the same run must stay below this")]
    readonly double WebSocketLatencyP99RatioToNodeMaximum = 2;

    [Parameter("Gate: WebSocket delivered messages/s at saturation must be at least this many times the Node ws baseline's in the same run")]
    readonly double WebSocketThroughputRatioToNodeMinimum = 3;

    [Parameter("Gate: collector parse → book → publish throughput must reach this many messages per second")]
    readonly long CollectorThroughputMinimum = 100_000;

    AbsolutePath BenchDirectory => ArtifactsDirectory / "bench";

    Target Bench => _ => _
        .Description("Run the bench suites; results and gates in artifacts/bench/<suite>.json")
        .Produces(BenchDirectory)
        .Executes(() =>
        {
            var failures = new List<string>();
            foreach (var suite in Suite.Length > 0 ? Suite : Enumeration.ValuesOf(typeof(BenchSuite)).Cast<BenchSuite>())
            {
                failures.AddRange(RunBenchSuite(suite));
            }
            if (failures.Count > 0)
            {
                throw new BuildException($"bench gates failed: {string.Join("; ", failures)} (thresholds are parameters, defaults in .nuke/parameters.json; on a shared or small VM run with --profile shared-vm — README, Benchmarks)");
            }
        });

    IEnumerable<string> RunBenchSuite(BenchSuite suite)
    {
        var gates = BenchGatesOf(suite);
        string[] arguments = ["run", "-c", "Release", "--project", RootDirectory / "benchmarks" / suite.Project, "--", "--suite", suite.Value, "--output", BenchDirectory];
        ProcessTasks.Run("dotnet", [.. arguments, .. Quick ? ["--quick"] : Array.Empty<string>(), .. gates.SelectMany(gate => new[] { "--gate", gate.ToArgument() })]);
        var report = BenchReport.Read(BenchDirectory / $"{suite.Value}.json");
        foreach (var (metric, value) in report.Metrics.Where(metric => suite.SummaryMetrics.Contains(metric.Key)))
        {
            ReportSummary(metric, value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        }
        return report.FailedGates(gates).Select(gate => $"{suite.Value}: {BenchReport.Describe(gate)}");
    }

    IReadOnlyList<GateRequirement> BenchGatesOf(BenchSuite suite) => suite.Value switch
    {
        "shm" =>
        [
            new GateRequirement("latency_p99_ns", ShmLatencyP99ThresholdNs),
            new GateRequirement("uds_to_shm_p50_ratio", ShmUdsP50RatioMinimum, IsLowerBound: true),
        ],
        "collector" => [new GateRequirement("throughput_msgs_per_s", CollectorThroughputMinimum, IsLowerBound: true)],
        // --quick runs 1,000 clients only; the 10,000-client gates are required of full runs.
        "websocket" =>
        [
            new GateRequirement("latency_p99_ms_1k", WebSocketLatencyP99ThresholdMs),
            new GateRequirement("latency_p99_ratio_vs_node_1k", WebSocketLatencyP99RatioToNodeMaximum),
            new GateRequirement("throughput_ratio_vs_node_1k", WebSocketThroughputRatioToNodeMinimum, IsLowerBound: true),
            .. Quick ? Array.Empty<GateRequirement>() :
            [
                new GateRequirement("disconnects_10k", 1),
                new GateRequirement("clients_held_10k", 10_000, IsLowerBound: true),
            ],
        ],
        _ => [],
    };
}

/// <summary>The bench suites under benchmarks/, each a project that writes artifacts/bench/&lt;suite&gt;.json.</summary>
sealed class BenchSuite : Enumeration
{
    public static readonly BenchSuite Shm = new()
    {
        Value = "shm",
        Project = "AlphaPulse.Bench",
        SummaryMetrics = ["latency_p50_ns", "latency_p99_ns", "latency_p999_ns", "uds_latency_p50_ns"],
    };

    public static readonly BenchSuite Collector = new()
    {
        Value = "collector",
        Project = "AlphaPulse.Bench.Collector",
        SummaryMetrics = ["throughput_msgs_per_s", "alloc_bytes_per_msg"],
    };

    public static readonly BenchSuite WebSocket = new()
    {
        Value = "websocket",
        Project = "AlphaPulse.Bench.WebSocket",
        SummaryMetrics = ["latency_p99_ms_1k", "latency_p99_ratio_vs_node_1k", "throughput_msgs_per_s_1k", "throughput_ratio_vs_node_1k"],
    };

    public required string Project { get; init; }

    public required IReadOnlyList<string> SummaryMetrics { get; init; }
}
