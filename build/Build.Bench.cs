using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

partial class Build
{
    [Parameter("Bench suites to run (default: every suite)")]
    readonly BenchSuite[] Suite = [];

    [Parameter("Short bench runs for CI (each suite well under a minute)")]
    readonly bool Quick;

    [Parameter("Record the kernel's scheduler (ftrace sched_switch; needs root) during the shm latency rounds and name the threads that took the measured cores: sched_* figures and artifacts/bench/shm-preemptions.md")]
    readonly bool TraceScheduler;

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
                throw new BuildException($"bench gates failed: {string.Join("; ", failures)} (thresholds are the Bench parameters, declared with their suites in build/Build.Bench.*.cs; on a shared or small VM run with --profile shared-vm — README, Benchmarks)");
            }
        });

    /// <summary>
    /// Builds the suite, then starts its dll directly rather than through <c>dotnet run</c>: while a
    /// latency harness measures, one idle parent (this build) is all that runs of ours besides its roles.
    /// </summary>
    IEnumerable<string> RunBenchSuite(BenchSuite suite)
    {
        var gates = suite.Gates(this);
        var project = RootDirectory / "benchmarks" / suite.Project;
        ProcessTasks.Run("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "quiet"]);
        string[] arguments = [project / "bin" / "Release" / "net10.0" / (suite.Project + ".dll"), "--suite", suite.Value, "--output", BenchDirectory];
        ProcessTasks.Run("dotnet", [.. arguments, .. Quick ? ["--quick"] : Array.Empty<string>(), .. gates.SelectMany(gate => new[] { "--gate", gate.ToArgument() })],
            environment: TraceScheduler ? new Dictionary<string, string> { ["BENCH_TRACE_SCHEDULER"] = "1" } : null);
        var report = BenchReport.Read(BenchDirectory / $"{suite.Value}.json");
        foreach (var (metric, value) in report.Metrics.Where(metric => suite.SummaryMetrics.Contains(metric.Key)))
        {
            ReportSummary(metric, value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var gate in report.UnmeasurableGates(gates))
        {
            ReportSummary(gate.Name, $"unmeasurable on this run: {gate.Note}");
        }
        return report.FailedGates(gates).Select(gate => $"{suite.Value}: {BenchReport.Describe(gate)}");
    }
}

/// <summary>
/// The bench suites under benchmarks/, each a project named after what it measures that writes
/// artifacts/bench/&lt;suite&gt;.json. Each suite's gates, their parameters and defaults are declared
/// once, beside it, in build/Build.Bench.&lt;Suite&gt;.cs.
/// </summary>
sealed class BenchSuite : Enumeration
{
    public static readonly BenchSuite Shm = new()
    {
        Value = "shm",
        Project = "AlphaPulse.Bench.Shm",
        SummaryMetrics = ["latency_p50_ns", "latency_p99_ns", "floor_latency_p50_ns", "floor_latency_p99_ns", "latency_p99_ratio_to_floor", "latency_p99_ratio_to_floor_unstalled", "latency_p50_ratio_to_floor", "uds_latency_p50_ns"],
        Gates = build => build.ShmGates,
    };

    public static readonly BenchSuite Collector = new()
    {
        Value = "collector",
        Project = "AlphaPulse.Bench.Collector",
        SummaryMetrics = ["throughput_msgs_per_s", "alloc_bytes_per_msg"],
        Gates = build => build.CollectorGates,
    };

    public static readonly BenchSuite WebSocket = new()
    {
        Value = "websocket",
        Project = "AlphaPulse.Bench.WebSocket",
        SummaryMetrics = ["latency_p99_ms_1k", "latency_p99_ratio_vs_node_1k", "throughput_msgs_per_s_1k", "throughput_ratio_vs_node_1k"],
        Gates = build => build.WebSocketGates,
    };

    public static readonly BenchSuite Bindings = new()
    {
        Value = "bindings",
        Project = "AlphaPulse.Bench.Bindings",
        SummaryMetrics = ["native_single_read_ns", "native_batch_read_ns", "pure_batch_read_ns", "floor_ctypes_call_ns", "floor_struct_unpack_ns", "native_latency_p99_ns"],
        Gates = build => build.BindingsGates,
    };

    public required string Project { get; init; }

    public required IReadOnlyList<string> SummaryMetrics { get; init; }

    /// <summary>The gates the build requires of this suite, with the thresholds of this run's parameters.</summary>
    public required Func<Build, IReadOnlyList<GateRequirement>> Gates { get; init; }
}
