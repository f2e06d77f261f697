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

    public async Task<IReadOnlyList<Check>> ValidateAsync(IReadOnlyList<RunningContainer> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var checks = new List<Check>();
        SlowestHealth = TimeSpan.Zero;
        double latencySum = 0, latencyCount = 0;
        double? dataAge = null;
        foreach (var container in containers.OrderBy(container => container.HealthPort))
        {
            var health = await probe.GetAsync(container.HealthPort, "/health").ConfigureAwait(false);
            SlowestHealth = health.Elapsed > SlowestHealth ? health.Elapsed : SlowestHealth;
            checks.Add(new Check($"{container.Role} /health", container.Running && health.Ok && health.Elapsed <= thresholds.HealthResponse,
                $"{(health.Ok ? "200" : "no answer")} in {health.Elapsed.TotalMilliseconds:F0} ms on :{container.HealthPort} (threshold {thresholds.HealthResponseMilliseconds:F0} ms)"));
            var ready = await probe.GetAsync(container.HealthPort, "/ready").ConfigureAwait(false);
            checks.Add(new Check($"{container.Role} /ready", ready.Ok, ready.Ok ? "ready" : $"not ready: {Shorten(ready.Body)}"));
            var metrics = await probe.GetAsync(container.HealthPort, "/metrics").ConfigureAwait(false);
            if (metrics.Ok)
            {
                latencySum += PrometheusText.Sum(metrics.Body, LatencyMetric + "_sum") ?? 0;
                latencyCount += PrometheusText.Sum(metrics.Body, LatencyMetric + "_count") ?? 0;
                dataAge = PrometheusText.Max(metrics.Body, DataAgeMetric) is { } age ? Math.Max(age, dataAge ?? 0) : dataAge;
            }
        }
        if (latencyCount > 0)
        {
            var mean = latencySum / latencyCount;
            checks.Add(new Check("shared-memory latency", mean <= thresholds.SharedMemoryLatencyMeanMicroseconds, $"mean {mean:F1} µs over {latencyCount:F0} samples (threshold {thresholds.SharedMemoryLatencyMeanMicroseconds:F0} µs)"));
        }
        if (dataAge is { } oldest)
        {
            checks.Add(new Check("data age", oldest <= thresholds.DataAgeSeconds, $"oldest exchange {oldest:F2} s (threshold {thresholds.DataAgeSeconds:F0} s)"));
        }
        return checks;
    }

    private static string Shorten(string text) => (text.Length > 160 ? text[..160] : text).ReplaceLineEndings(" ").Trim();
}
