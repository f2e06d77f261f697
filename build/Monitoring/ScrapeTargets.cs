using System.Text.Json;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Monitoring;

/// <summary>
/// The local stack's services as Prometheus file-discovery targets, with the labels Kubernetes discovery
/// gives the same containers (deploy/monitoring/prometheus.yml): <c>job</c>, and for collectors
/// <c>exchange</c> and <c>replica</c>. The alert rules group by exactly these.
/// </summary>
public static class ScrapeTargets
{
    public const string CollectorJob = "alphapulse-collector";
    public const string WebSocketJob = "alphapulse-websocket";

    private const string CollectorPrefix = "collector-";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToFileDiscoveryJson(IEnumerable<LocalService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var groups = services.Select(service => new Dictionary<string, object>
        {
            ["targets"] = new[] { $"{service.HttpBase.Host}:{service.HttpBase.Port}" },
            ["labels"] = LabelsOf(service),
        });
        return JsonSerializer.Serialize(groups, Indented);
    }

    public static IReadOnlyDictionary<string, string> LabelsOf(LocalService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.Name.StartsWith(CollectorPrefix, StringComparison.Ordinal))
        {
            return new Dictionary<string, string>
            {
                ["job"] = CollectorJob,
                ["exchange"] = service.Name[CollectorPrefix.Length..],
                ["replica"] = service.Environment.TryGetValue("REPLICA_ID", out var replica) ? replica : "local",
            };
        }
        return new Dictionary<string, string> { ["job"] = service.Name == "websocket" ? WebSocketJob : $"alphapulse-{service.Name}" };
    }
}
