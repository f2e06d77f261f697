using AlphaPulse.Build.Local;
using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Delivery;

/// <summary>One check of a deployed environment: what was checked, whether it passed, the values.</summary>
public sealed record Check(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "pass" : "FAIL")}  {Name}: {Detail}";
}

/// <summary>
/// Checks a deployed environment against <see cref="ValidationThresholds"/>: every container answers
/// <c>/health</c> within the health threshold and is ready, and the shared-memory p99 and data age the
/// WebSocket server exports stay under the thresholds of the alerts on them. Used by Deploy after it
/// replaces and by Smoke.
/// </summary>
public sealed class DeploymentValidator(HealthProbe probe, ValidationThresholds thresholds)
{
    public const string DataAgeMetric = "alphapulse_ws_data_age_seconds";

    /// <summary>The longest /health answer seen in the last validation (for the delivery figures).</summary>
    public TimeSpan SlowestHealth { get; private set; }

    /// <summary>Latency is judged over this window (bucket counts at its end minus at its start), as the
    /// alert judges it over its rate window: what this version does now, not since start-up.</summary>
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
        checks.Add(ShmLatencyWindow.Judge(before, await LatencyTotalsAsync(ordered).ConfigureAwait(false), thresholds, LatencyWindow));
        if (dataAge is { } oldest)
        {
            checks.Add(new Check("data age", oldest <= thresholds.DataAgeSeconds, $"oldest exchange {oldest:F2} s (threshold {thresholds.DataAgeSeconds:F0} s, alert {AlertRules.ExchangeDataStale})"));
        }
        return checks;
    }

    private async Task<IReadOnlyList<(double UpperBound, double Count)>> LatencyTotalsAsync(IReadOnlyList<RunningContainer> containers)
    {
        var expositions = new List<string>();
        foreach (var container in containers)
        {
            var metrics = await probe.GetAsync(container.HealthPort, "/metrics").ConfigureAwait(false);
            if (metrics.Ok)
            {
                expositions.Add(metrics.Body);
            }
        }
        return ShmLatencyWindow.Buckets(expositions);
    }

    private static string Shorten(string text) => (text.Length > 160 ? text[..160] : text).ReplaceLineEndings(" ").Trim();
}
