using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Delivery;

/// <summary>One check of a deployed environment: what was checked, whether it passed, the values.</summary>
public sealed record Check(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "pass" : "FAIL")}  {Name}: {Detail}";
}

/// <summary>
/// Checks a deployed environment against <see cref="ValidationThresholds"/>: every container answers
/// <c>/health</c> within the health threshold and is ready, and the shared-memory latency and data age
/// the services export stay under theirs. Used by Deploy after it replaces and by Smoke.
/// </summary>
public sealed class DeploymentValidator(HealthProbe probe, ValidationThresholds thresholds)
{
    public const string LatencyMetric = "alphapulse_shared_memory_latency_microseconds";
    public const string DataAgeMetric = "alphapulse_ws_data_age_seconds";

    /// <summary>The longest /health answer seen in the last validation (for the delivery figures).</summary>
    public TimeSpan SlowestHealth { get; private set; }

    /// <summary>Latency is judged over this window: the services' histograms count from start-up, when a
    /// reader catching up on old records sees ages of seconds that say nothing about the deployed version.</summary>
    public static readonly TimeSpan LatencyWindow = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<Check>> ValidateAsync(IReadOnlyList<RunningContainer> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var checks = new List<Check>();
        SlowestHealth = TimeSpan.Zero;
        var ordered = containers.OrderBy(container => container.HealthPort).ToList();
        var before = await LatencyTotalsAsync(ordered).ConfigureAwait(false);
        double? dataAge = null;
        foreach (var container in ordered)
        {
            var health = await probe.GetAsync(container.HealthPort, "/health").ConfigureAwait(false);
            SlowestHealth = health.Elapsed > SlowestHealth ? health.Elapsed : SlowestHealth;
            checks.Add(new Check($"{container.Role} /health", container.Running && health.Ok && health.Elapsed <= thresholds.HealthResponse,
                $"{(health.Ok ? "200" : "no answer")} in {health.Elapsed.TotalMilliseconds:F0} ms on :{container.HealthPort} (threshold {thresholds.HealthResponseMilliseconds:F0} ms)"));
            var ready = await probe.GetAsync(container.HealthPort, "/ready").ConfigureAwait(false);
            checks.Add(new Check($"{container.Role} /ready", ready.Ok, ready.Ok ? "ready" : $"not ready: {Shorten(ready.Body)}"));
            var metrics = await probe.GetAsync(container.HealthPort, "/metrics").ConfigureAwait(false);
            if (metrics.Ok && PrometheusText.Max(metrics.Body, DataAgeMetric) is { } age)
            {
                dataAge = Math.Max(age, dataAge ?? 0);
            }
        }
        await Task.Delay(LatencyWindow).ConfigureAwait(false);
        var after = await LatencyTotalsAsync(ordered).ConfigureAwait(false);
        var samples = after.Count - before.Count;
        var mean = samples > 0 ? (after.Sum - before.Sum) / samples : double.NaN;
        checks.Add(new Check("shared-memory latency", samples > 0 && mean <= thresholds.SharedMemoryLatencyMeanMicroseconds,
            samples > 0 ? $"mean {mean:F1} µs over the {samples:F0} samples of the last {LatencyWindow.TotalSeconds:F0} s (threshold {thresholds.SharedMemoryLatencyMeanMicroseconds:F0} µs)" : $"no record read in {LatencyWindow.TotalSeconds:F0} s"));
        if (dataAge is { } oldest)
        {
            checks.Add(new Check("data age", oldest <= thresholds.DataAgeSeconds, $"oldest exchange {oldest:F2} s (threshold {thresholds.DataAgeSeconds:F0} s)"));
        }
        return checks;
    }

    private async Task<(double Sum, double Count)> LatencyTotalsAsync(IReadOnlyList<RunningContainer> containers)
    {
        double sum = 0, count = 0;
        foreach (var container in containers)
        {
            var metrics = await probe.GetAsync(container.HealthPort, "/metrics").ConfigureAwait(false);
            if (metrics.Ok)
            {
                sum += PrometheusText.Sum(metrics.Body, LatencyMetric + "_sum") ?? 0;
                count += PrometheusText.Sum(metrics.Body, LatencyMetric + "_count") ?? 0;
            }
        }
        return (sum, count);
    }

    private static string Shorten(string text) => (text.Length > 160 ? text[..160] : text).ReplaceLineEndings(" ").Trim();
}
