using System.Text.Json;
using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// What a deployed version must meet. The latency and data-age thresholds are the alert rules' own
/// (<c>ShmLatencyHigh</c>, <c>ExchangeDataStale</c> in deploy/monitoring/rules/alert_rules.yml), so a
/// version Deploy accepts does not page anyone; how long to wait for readiness and /health, which no alert
/// expresses, are in <c>deploy/validation-thresholds.json</c>. Deploy validates against them after it
/// replaces, Smoke checks them too, and a breach rolls a Deploy back.
/// </summary>
public sealed record ValidationThresholds(
    double ReadyDeadlineSeconds,
    double HealthResponseMilliseconds,
    double SharedMemoryLatencyP99Seconds,
    double DataAgeSeconds)
{
    public const string File = "deploy/validation-thresholds.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Waits(double ReadyDeadlineSeconds, double HealthResponseMilliseconds);

    public TimeSpan ReadyDeadline => TimeSpan.FromSeconds(ReadyDeadlineSeconds);

    public TimeSpan HealthResponse => TimeSpan.FromMilliseconds(HealthResponseMilliseconds);

    public static ValidationThresholds Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, File);
        var waits = JsonSerializer.Deserialize<Waits>(System.IO.File.ReadAllText(path), Json);
        if (waits is not { ReadyDeadlineSeconds: > 0, HealthResponseMilliseconds: > 0 })
        {
            throw new InvalidDataException($"{File} must give readyDeadlineSeconds and healthResponseMilliseconds as positive numbers (read {System.IO.File.ReadAllText(path)})");
        }
        var rules = AlertRules.Load(Path.Combine(repositoryRoot, MonitoringFiles.AlertRules));
        return new ValidationThresholds(
            waits.ReadyDeadlineSeconds,
            waits.HealthResponseMilliseconds,
            AlertRules.Find(rules, AlertRules.ShmLatencyHigh).Threshold,
            AlertRules.Find(rules, AlertRules.ExchangeDataStale).Threshold);
    }
}
