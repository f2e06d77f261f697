using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// What a deployed version must meet, declared once in <c>deploy/validation-thresholds.json</c> (the
/// alert rules are to read the same file): Deploy validates against them after it replaces, Smoke checks
/// them too, and a breach rolls a Deploy back.
/// </summary>
public sealed record ValidationThresholds(
    double ReadyDeadlineSeconds,
    double HealthResponseMilliseconds,
    double SharedMemoryLatencyMeanMicroseconds,
    double DataAgeSeconds)
{
    public const string File = "deploy/validation-thresholds.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public TimeSpan ReadyDeadline => TimeSpan.FromSeconds(ReadyDeadlineSeconds);

    public TimeSpan HealthResponse => TimeSpan.FromMilliseconds(HealthResponseMilliseconds);

    public static ValidationThresholds Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, File);
        var thresholds = JsonSerializer.Deserialize<ValidationThresholds>(System.IO.File.ReadAllText(path), Json);
        return thresholds is { ReadyDeadlineSeconds: > 0, HealthResponseMilliseconds: > 0, SharedMemoryLatencyMeanMicroseconds: > 0, DataAgeSeconds: > 0 }
            ? thresholds
            : throw new InvalidDataException($"{File} must give every threshold as a positive number: readyDeadlineSeconds, healthResponseMilliseconds, sharedMemoryLatencyMeanMicroseconds, dataAgeSeconds (read {System.IO.File.ReadAllText(path)})");
    }
}
