using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AlphaPulse.Bench.WebSocket;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench.WebSocket -- --suite websocket [--quick] --output <dir> [--gate name=x|name>=x]...
var options = BenchOptions.Parse(args);
var openFiles = ResourceLimits.RaiseOpenFiles(65_536);
var root = RepositoryRoot();
// Latency at a steady 20,000 deliveries/s (20 msg/s × 1,000 clients, 2 msg/s × 10,000) — below what
// two shared cores sustain with the load generator on them too — then delivered msgs/s when offered
// 2,000 msg/s × 1,000 clients (saturation, where the Node comparison is made).
Load[] loads = options.Quick
    ? [new Load(1_000, 20, TimeSpan.FromSeconds(5), 2_000, TimeSpan.FromSeconds(5))]
    : [new Load(1_000, 20, TimeSpan.FromSeconds(10), 2_000, TimeSpan.FromSeconds(10)), new Load(10_000, 2, TimeSpan.FromSeconds(15), 0, TimeSpan.Zero)];
Console.WriteLine($"websocket bench: {(options.Quick ? "quick (1,000 clients)" : "1,000 and 10,000 clients")}, open-file limit {openFiles}, load average {LoadAverage():0.00}");

var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["load_average_1m_at_start"] = LoadAverage() };
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

    if (metrics.TryGetValue("throughput_msgs_per_s" + suffix, out var ours) && metrics.TryGetValue("node_throughput_msgs_per_s" + suffix, out var node) && node > 0)
    {
        metrics["throughput_ratio_vs_node" + suffix] = ours / node;
    }
}

metrics["load_average_1m_at_end"] = LoadAverage();
var path = WriteReport(options, metrics);
Console.WriteLine($"wrote {path}");
return 0;

static string WriteReport(BenchOptions options, IReadOnlyDictionary<string, double> metrics)
{
    Directory.CreateDirectory(options.Output);
    var path = Path.Combine(options.Output, "websocket.json");
    using var stream = File.Create(path);
    using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
    json.WriteStartObject();
    json.WriteString("suite", "websocket");
    json.WriteString("machine", $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, load average {metrics["load_average_1m_at_start"]:0.00} at start (shared machine)");
    json.WriteStartObject("metrics");
    foreach (var (name, value) in metrics)
    {
        json.WriteNumber(name, Math.Round(value, 3));
    }

    json.WriteEndObject();
    json.WriteStartArray("gates");
    foreach (var gate in options.Gates)
    {
        if (!metrics.TryGetValue(gate.Metric, out var value))
        {
            // --quick runs 1,000 clients only: a gate on a 10,000-client metric is not evaluated (say so, do not fake it).
            Console.WriteLine($"gate {gate.Metric} not evaluated: this run did not measure it{(options.Quick ? " (--quick runs 1,000 clients only)" : "")}");
            continue;
        }

        json.WriteStartObject();
        json.WriteString("name", gate.Metric);
        json.WriteNumber("value", Math.Round(value, 3));
        json.WriteNumber("threshold", gate.Threshold);
        json.WriteString("unit", gate.Metric.Contains("_ms", StringComparison.Ordinal) ? "ms" : gate.Metric.Contains("per_s", StringComparison.Ordinal) ? "msg/s" : gate.Metric.StartsWith("clients", StringComparison.Ordinal) ? "clients" : "");
        json.WriteBoolean("pass", gate.IsMetBy(value));
        json.WriteEndObject();
        Console.WriteLine($"gate {gate.Metric}: {value:0.###} {(gate.IsLowerBound ? ">=" : "<")} {gate.Threshold} → {(gate.IsMetBy(value) ? "pass" : "FAIL")}");
    }

    json.WriteEndArray();
    json.WriteEndObject();
    return path;
}

static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

static string RepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AlphaPulse.slnx")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException($"the bench runs from the repository: no AlphaPulse.slnx above {AppContext.BaseDirectory} (run it with dotnet run --project)");
}
