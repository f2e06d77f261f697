using System.Globalization;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// One gate: a metric, a threshold, and whether it is a floor (<c>name&gt;=x</c>: value at least x) or a
/// ceiling (<c>name=x</c>: value below x). Immutable.
/// </summary>
public sealed record Gate(string Metric, double Threshold, bool IsFloor)
{
    public bool Passes(double value) => IsFloor ? value >= Threshold : value < Threshold;

    public static Gate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var floor = text.IndexOf(">=", StringComparison.Ordinal);
        var equals = floor >= 0 ? floor : text.IndexOf('=', StringComparison.Ordinal);
        var valueAt = floor >= 0 ? floor + 2 : equals + 1;
        if (equals <= 0 || !double.TryParse(text.AsSpan(valueAt), NumberStyles.Float, CultureInfo.InvariantCulture, out var threshold))
        {
            throw new ArgumentException($"a gate is metric>=threshold or metric=threshold: gate='{text}' (e.g. --gate latency_p99_ns=10000 or --gate throughput_msgs_per_s>=100000)");
        }
        return new Gate(text[..equals], threshold, floor >= 0);
    }
}
