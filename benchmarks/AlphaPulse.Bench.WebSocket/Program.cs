using System.Globalization;
using AlphaPulse.Bench.Reporting;
using AlphaPulse.Bench.WebSocket;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench.WebSocket -- --suite websocket [--quick] --output <dir> [--gate name=x|name>=x]...
if (!SuiteArguments.TryParse(args, "websocket", out var options))
{
    return 2;
}

var openFiles = ResourceLimits.RaiseOpenFiles(65_536);
var root = RepositoryRoot();
// Latency at a steady 20,000 deliveries/s (20 msg/s × 1,000 clients, 2 msg/s × 10,000) — below what
// two shared cores sustain with the load generator on them too — then delivered msgs/s when offered
// 2,000 msg/s × 1,000 clients (saturation, where the Node comparison is made).
Load[] loads = options.Quick
    ? [new Load(1_000, 20, TimeSpan.FromSeconds(5), 2_000, TimeSpan.FromSeconds(5))]
    : [new Load(1_000, 20, TimeSpan.FromSeconds(10), 2_000, TimeSpan.FromSeconds(10)), new Load(10_000, 2, TimeSpan.FromSeconds(15), 0, TimeSpan.Zero)];
Console.WriteLine($"websocket bench: {(options.Quick ? "quick (1,000 clients)" : "1,000 and 10,000 clients")}, open-file limit {openFiles}, load average {MachineLoad.OneMinute():0.00}");

var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["load_average_1m_at_start"] = MachineLoad.OneMinute() };
foreach (var load in loads)
{
    var suffix = "_" + (load.Clients / 1000) + "k";
    foreach (var target in new[] { Target.AlphaPulse, Target.NodeBaseline })
    {
        var prefix = target == Target.NodeBaseline ? "node_" : "";
        Console.WriteLine($"  {target} with {load.Clients} clients…");
        foreach (var (name, value) in await Scenario.RunAsync(target, load, root))
        {
            metrics[prefix + name + suffix] = value;
            Console.WriteLine($"    {prefix}{name}{suffix} = {value.ToString("0.###", CultureInfo.InvariantCulture)}");
        }
    }

    // Ratios to the baseline measured minutes apart on the same machine: what survives a noisy host.
    AddRatio(metrics, "throughput_ratio_vs_node" + suffix, "throughput_msgs_per_s" + suffix);
    AddRatio(metrics, "latency_p99_ratio_vs_node" + suffix, "latency_p99_ms" + suffix);
    AddRatio(metrics, "memory_per_connection_ratio_to_node" + suffix, "memory_per_connection_kb" + suffix);
}

metrics["load_average_1m_at_end"] = MachineLoad.OneMinute();
_ = SuiteReport.Write(options.Output, options.Suite, metrics, options.Gates);
return 0;

static void AddRatio(SortedDictionary<string, double> metrics, string ratio, string metric)
{
    if (metrics.TryGetValue(metric, out var ours) && metrics.TryGetValue("node_" + metric, out var node) && node > 0)
    {
        metrics[ratio] = ours / node;
    }
}

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlphaPulse.slnx")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException($"the bench runs from the repository: no AlphaPulse.slnx above {AppContext.BaseDirectory} (run it with dotnet run --project)");
}
