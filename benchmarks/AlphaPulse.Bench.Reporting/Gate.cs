using System.Globalization;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// One gate: a metric, a threshold, and whether it is a floor (<c>name&gt;=x</c>: value at least x) or a
/// ceiling (<c>name=x</c>: value below x). A condition (<c>name=x?other&lt;y</c>) makes the gate judged
/// only on runs where metric <c>other</c> is below y; otherwise it is reported unmeasurable. Immutable.
/// </summary>
public sealed record Gate(string Metric, double Threshold, bool IsFloor, string? ConditionMetric = null, double ConditionBelow = 0)
{
    public bool Passes(double value) => IsFloor ? value >= Threshold : value < Threshold;

    /// <summary>False when the gate's condition names a metric this run measured at or above its limit.</summary>
    public bool IsMeasurable(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return ConditionMetric is null || (metrics.TryGetValue(ConditionMetric, out var value) && value < ConditionBelow);
    }

    public static Gate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var usage = $"a gate is metric>=threshold or metric=threshold, optionally ?metric<limit: gate='{text}' (e.g. --gate throughput_msgs_per_s>=100000 or --gate latency_p99_ns=10000?floor_latency_p99_ns<5000)";
        var question = text.IndexOf('?', StringComparison.Ordinal);
        var body = question >= 0 ? text[..question] : text;
        var floor = body.IndexOf(">=", StringComparison.Ordinal);
        var equals = floor >= 0 ? floor : body.IndexOf('=', StringComparison.Ordinal);
        var valueAt = floor >= 0 ? floor + 2 : equals + 1;
        if (equals <= 0 || !double.TryParse(body.AsSpan(valueAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            throw new ArgumentException(usage);
        }

        if (question < 0)
        {
            return new Gate(body[..equals], threshold, floor >= 0);
        }

        var condition = text[(question + 1)..];
        var less = condition.IndexOf('<', StringComparison.Ordinal);
        if (less <= 0 || !double.TryParse(condition.AsSpan(less + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var below))
        {
            throw new ArgumentException(usage);
        }

        return new Gate(body[..equals], threshold, floor >= 0, condition[..less], below);
    }
}
