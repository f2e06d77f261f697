using System.Runtime.InteropServices;
using System.Text.Json;

namespace AlphaPulse.Bench.Collector;

/// <summary>Writes <c>&lt;output&gt;/collector.json</c> in the bench contract of DESIGN.md. Stateless.</summary>
internal static class SuiteReport
{
    public static (string Path, bool Passed) Write(string output, IReadOnlyDictionary<string, double> metrics, IReadOnlyList<Gate> gates)
    {
        _ = Directory.CreateDirectory(output);
        var path = Path.Combine(output, "collector.json");
        var passed = true;
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("suite", "collector");
        json.WriteString("machine", $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        json.WriteStartObject("metrics");
        foreach (var (name, value) in metrics)
        {
            json.WriteNumber(name, Math.Round(value, 4));
        }
        json.WriteEndObject();
        json.WriteStartArray("gates");
        foreach (var gate in gates)
        {
            if (!metrics.TryGetValue(gate.Metric, out var value))
            {
                throw new ArgumentException($"a gate names a metric this suite measures: gate={gate.Metric} (use one of: {string.Join(", ", metrics.Keys)})");
            }
            var pass = gate.Passes(value);
            passed &= pass;
            json.WriteStartObject();
            json.WriteString("name", gate.Metric);
            json.WriteNumber("value", Math.Round(value, 2));
            json.WriteNumber("threshold", gate.Threshold);
            json.WriteString("unit", Unit(gate.Metric));
            json.WriteBoolean("pass", pass);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return (path, passed);
    }

    private static string Unit(string metric) =>
        metric.EndsWith("_msgs_per_s", StringComparison.Ordinal) ? "msg/s"
        : metric.EndsWith("_per_msg", StringComparison.Ordinal) && metric.StartsWith("alloc", StringComparison.Ordinal) ? "bytes"
        : metric.EndsWith("_ns", StringComparison.Ordinal) || metric.StartsWith("ns_", StringComparison.Ordinal) ? "ns"
        : string.Empty;
}
