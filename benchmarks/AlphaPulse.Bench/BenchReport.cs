using System.Runtime.InteropServices;
using System.Text.Json;

namespace AlphaPulse.Bench;

/// <summary>
/// Writes <c>&lt;output&gt;/&lt;suite&gt;.json</c> in the contract of DESIGN.md: suite, machine, metrics, and one
/// gate per <c>--gate</c> (pass when value &lt; threshold). Stateless.
/// </summary>
internal static class BenchReport
{
    public static string Write(string output, string suite, IReadOnlyDictionary<string, double> metrics, IReadOnlyList<(string Metric, double Threshold)> gates)
    {
        var path = Path.Combine(output, suite + ".json");
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("suite", suite);
        json.WriteString("machine", $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");
        json.WriteStartObject("metrics");
        foreach (var (name, value) in metrics)
        {
            json.WriteNumber(name, Math.Round(value, 2));
        }

        json.WriteEndObject();
        json.WriteStartArray("gates");
        foreach (var (metric, threshold) in gates)
        {
            if (!metrics.TryGetValue(metric, out var value))
            {
                throw new ArgumentException($"a gate names a metric this suite measures: gate={metric} (use one of: {string.Join(", ", metrics.Keys)})");
            }

            json.WriteStartObject();
            json.WriteString("name", metric);
            json.WriteNumber("value", Math.Round(value, 2));
            json.WriteNumber("threshold", threshold);
            json.WriteString("unit", metric.EndsWith("_ns", StringComparison.Ordinal) ? "ns" : metric.EndsWith("_per_s", StringComparison.Ordinal) ? "msg/s" : metric.EndsWith("_per_op", StringComparison.Ordinal) ? "bytes" : "");
            json.WriteBoolean("pass", value < threshold);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return path;
    }
}
