using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaPulse.Build.Benchmarks;

/// <summary>
/// One gate of a bench suite: the metric's value must stay below the threshold. A gate judged only
/// under a condition (<see cref="GateCondition"/>) that this run did not meet is written with
/// <c>measurable: false</c> and a note naming the figure that ruled it out.
/// </summary>
public sealed record BenchGate(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("pass")] bool Pass)
{
    [JsonPropertyName("measurable")]
    public bool Measurable { get; init; } = true;

    [JsonPropertyName("note")]
    public string Note { get; init; } = string.Empty;
}

/// <summary>
/// <c>artifacts/bench/&lt;suite&gt;.json</c> as DESIGN.md fixes it: suite, machine, metrics, gates.
/// The build trusts no gate's own <c>pass</c> flag blindly: it re-checks value against threshold.
/// </summary>
public sealed record BenchReport(
    [property: JsonPropertyName("suite")] string Suite,
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, double> Metrics,
    [property: JsonPropertyName("gates")] IReadOnlyList<BenchGate> Gates)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the report where a suite would (used by targets that measure in-process, such as DeliveryTest).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));
    }

    public static BenchReport Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"bench suite wrote no report: {path} is missing (see the suite's output above)", path);
        }
        try
        {
            return JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"bench report is empty: {path}");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"bench report is not in the DESIGN.md contract: {path}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Gates that fail: any gate whose own verdict is fail, and any required gate that is missing, has
    /// another threshold than the build asked for, or whose value is on the wrong side of it.
    /// </summary>
    public IReadOnlyList<BenchGate> FailedGates(IReadOnlyList<GateRequirement> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        var unmeasurable = UnmeasurableGates(required);
        var failed = Gates.Where(gate => !gate.Pass && !unmeasurable.Contains(gate)).ToList();
        foreach (var requirement in required)
        {
            var gate = Gates.FirstOrDefault(candidate => candidate.Name == requirement.Metric);
            if (gate is not null && unmeasurable.Contains(gate))
            {
                continue;
            }

            if (gate is null || gate.Threshold != requirement.Threshold)
            {
                failed.Add(new BenchGate(requirement.Metric, Metrics.GetValueOrDefault(requirement.Metric, double.NaN), requirement.Threshold, "?", Pass: false));
            }
            else if (gate.Pass && !requirement.IsMetBy(gate.Value))
            {
                failed.Add(gate with { Pass = false });
            }
        }
        return failed;
    }

    /// <summary>
    /// Gates the suite reports as not measurable on this run, where the build agrees: the requirement
    /// allows it (<see cref="GateRequirement.MeasurableWhen"/>) and the report's own figure really misses
    /// the condition. Any other gate marked unmeasurable is judged, and fails, as usual.
    /// </summary>
    public IReadOnlyList<BenchGate> UnmeasurableGates(IReadOnlyList<GateRequirement> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        return Gates
            .Where(gate => !gate.Measurable && required.Any(requirement => requirement.Metric == gate.Name
                && requirement.Threshold == gate.Threshold
                && requirement.MeasurableWhen is { } condition
                && !condition.IsMetBy(Metrics.GetValueOrDefault(condition.Metric, double.NaN))))
            .ToList();
    }

    public static string Describe(BenchGate gate) => gate.Unit == "?"
        ? $"{gate.Name}: the suite reported no gate with the required threshold {Format(gate.Threshold)} (value {Format(gate.Value)})"
        : $"{gate.Name} = {WithUnit(gate.Value, gate.Unit)}, threshold {WithUnit(gate.Threshold, gate.Unit)}";

    private static string WithUnit(double value, string unit) => unit.Length == 0 ? Format(value) : $"{Format(value)} {unit}";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// A gate the build requires of a suite: a latency must stay below, a throughput at or above. With
/// <see cref="MeasurableWhen"/>, the gate is judged only on runs where that condition holds (the
/// same-run floor shows the machine can meet it); otherwise it is reported unmeasurable, never weakened.
/// </summary>
public sealed record GateRequirement(string Metric, double Threshold, bool IsLowerBound = false, GateCondition? MeasurableWhen = null)
{
    public bool IsMetBy(double value) => IsLowerBound ? value >= Threshold : value < Threshold;

    /// <summary>
    /// The argument the suite takes: <c>--gate latency_p99_ns=10000</c> (or <c>&gt;=</c> for lower
    /// bounds), with <c>?floor_latency_p99_ns&lt;5000</c> appended for a conditional gate.
    /// </summary>
    public string ToArgument() =>
        Metric + (IsLowerBound ? ">=" : "=") + Threshold.ToString(CultureInfo.InvariantCulture)
        + (MeasurableWhen is { } condition ? "?" + condition.Metric + "<" + condition.Below.ToString(CultureInfo.InvariantCulture) : string.Empty);
}

/// <summary>When a conditional gate can be judged: the run's <paramref name="Metric"/> is below <paramref name="Below"/>.</summary>
public sealed record GateCondition(string Metric, double Below)
{
    public bool IsMetBy(double value) => value < Below;
}
