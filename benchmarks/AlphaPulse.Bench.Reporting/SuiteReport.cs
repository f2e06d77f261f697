using System.Runtime.InteropServices;
using System.Text.Json;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// Writes <c>&lt;output&gt;/&lt;suite&gt;.json</c> in the bench contract of DESIGN.md — suite, machine, metrics,
/// and one gate per <c>--gate</c> — and prints the metrics. A gate on a metric this run did not measure
/// (a quick run skips some loads) is left out with a printed note, never faked; the build fails a
/// required gate that is missing. Stateless.
/// </summary>
public static class SuiteReport
{
    public static (string Path, bool Passed) Write(string output, string suite, IReadOnlyDictionary<string, double> metrics, IReadOnlyList<Gate> gates)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(gates);
        _ = Directory.CreateDirectory(output);
        var path = Path.Combine(output, suite + ".json");
        var passed = true;
        using (var stream = File.Create(path))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("suite", suite);
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
                    Console.WriteLine($"gate {gate.Metric} not evaluated: this run did not measure it (measured: {string.Join(", ", metrics.Keys)})");
                    continue;
                }
                var measurable = gate.IsMeasurable(metrics);
                var pass = measurable && gate.Passes(value);
                passed &= pass || !measurable;
                json.WriteStartObject();
                json.WriteString("name", gate.Metric);
                json.WriteNumber("value", Math.Round(value, 2));
                json.WriteNumber("threshold", gate.Threshold);
                json.WriteString("unit", Unit(gate.Metric));
                json.WriteBoolean("pass", pass);
                if (!measurable)
                {
                    // Not judged, and not passed: the machine's own floor rules the target out on this run.
                    var note = $"{gate.ConditionMetric} = {metrics.GetValueOrDefault(gate.ConditionMetric!, double.NaN):0} is not below {gate.ConditionBelow}: this run's floor cannot show {gate.Metric} < {gate.Threshold}";
                    json.WriteBoolean("measurable", false);
                    json.WriteString("note", note);
                    Console.WriteLine($"gate {gate.Metric}: {value:0.###} < {gate.Threshold} → UNMEASURABLE on this run ({note})");
                    json.WriteEndObject();
                    continue;
                }

                json.WriteEndObject();
                Console.WriteLine($"gate {gate.Metric}: {value:0.###} {(gate.IsFloor ? ">=" : "<")} {gate.Threshold} → {(pass ? "pass" : "FAIL")}");
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Console.WriteLine($"bench: wrote {path}");
        foreach (var (name, value) in metrics)
        {
            Console.WriteLine($"  {name} = {value:F1}");
        }
        return (path, passed);
    }

    private static string Unit(string metric) =>
        metric.EndsWith("_msgs_per_s", StringComparison.Ordinal) ? "msg/s"
        : metric.StartsWith("alloc", StringComparison.Ordinal) ? "bytes"
        : metric.EndsWith("_ns", StringComparison.Ordinal) ? "ns"
        : metric.EndsWith("_ms", StringComparison.Ordinal) || metric.Contains("_ms_", StringComparison.Ordinal) ? "ms"
        : metric.StartsWith("clients", StringComparison.Ordinal) ? "clients"
        : string.Empty;
}
