using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Local;
using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// The checks Deploy runs after a rollout, Rollback after an undo, and Smoke on its own — the local
/// environment's checks (<see cref="DeploymentValidator"/>) taken through the API server: every pod of
/// every Deployment ready and as many as desired; each Service's <c>/health</c> on its metrics port
/// within the health threshold; each pod's health ports (container ports named <c>metrics-*</c>)
/// healthy and ready; the shared-memory p99 over the last window and the data age under the thresholds of
/// the alerts on them (deploy/monitoring/rules/alert_rules.yml). One check per line; the caller decides
/// what a failure does.
/// </summary>
public sealed class ClusterValidator(IKubernetes client, string @namespace, ValidationThresholds thresholds)
{
    private const string MetricsPortPrefix = "metrics";

    private readonly ClusterProxy _proxy = new(client, @namespace, TimeSpan.FromSeconds(5));

    /// <summary>How long the latency window lasts (the services' histograms count from start-up: only the difference says anything about this version).</summary>
    public TimeSpan LatencyWindow { get; init; } = DeploymentValidator.LatencyWindow;

    public async Task<IReadOnlyList<Check>> ValidateAsync(IReadOnlyList<V1Deployment> deployments, IReadOnlyList<V1Service> services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(services);
        var checks = new List<Check>();
        var endpoints = new List<(string Pod, int Port, string Name)>();
        foreach (var deployment in deployments)
        {
            var selector = string.Join(",", deployment.Spec.Selector.MatchLabels.Select(label => $"{label.Key}={label.Value}"));
            var pods = (await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items
                .Where(pod => pod.Metadata.DeletionTimestamp is null).ToList();
            var ready = pods.Count(IsReady);
            var desired = deployment.Spec.Replicas ?? 1;
            checks.Add(new Check($"deployment/{deployment.Metadata.Name} pods ready", ready >= desired && ready == pods.Count,
                $"{ready} of {pods.Count} pods ready, {desired} desired{NotReady(pods)}"));
            endpoints.AddRange(pods.Where(IsReady).SelectMany(pod => pod.Spec.Containers
                .SelectMany(container => container.Ports ?? [])
                .Where(port => port.Name?.StartsWith(MetricsPortPrefix, StringComparison.Ordinal) == true)
                .Select(port => (pod.Metadata.Name, port.ContainerPort, port.Name!))));
        }
        foreach (var service in services)
        {
            foreach (var port in (service.Spec.Ports ?? []).Where(port => port.Name?.StartsWith(MetricsPortPrefix, StringComparison.Ordinal) == true))
            {
                var health = await _proxy.ServiceAsync(service.Metadata.Name, port.Name, "/health").ConfigureAwait(false);
                checks.Add(HealthCheck($"service/{service.Metadata.Name}:{port.Name} /health", health));
            }
        }

        var before = await LatencyTotalsAsync(endpoints).ConfigureAwait(false);
        double? dataAge = null;
        foreach (var (pod, port, name) in endpoints)
        {
            checks.Add(HealthCheck($"{pod}:{name} /health", await _proxy.PodAsync(pod, port, "/health").ConfigureAwait(false)));
            var readiness = await _proxy.PodAsync(pod, port, "/ready").ConfigureAwait(false);
            checks.Add(new Check($"{pod}:{name} /ready", readiness.Ok, readiness.Ok ? "ready" : $"not ready: {Shorten(readiness.Body)}"));
            var metrics = await _proxy.PodAsync(pod, port, "/metrics").ConfigureAwait(false);
            if (metrics.Ok && PrometheusText.Max(metrics.Body, DeploymentValidator.DataAgeMetric) is { } age)
            {
                dataAge = Math.Max(age, dataAge ?? 0);
            }
        }
        await Task.Delay(LatencyWindow, cancellationToken).ConfigureAwait(false);
        checks.Add(ShmLatencyWindow.Judge(before, await LatencyTotalsAsync(endpoints).ConfigureAwait(false), thresholds, LatencyWindow));
        checks.Add(new Check("data age", dataAge is { } oldest && oldest <= thresholds.DataAgeSeconds,
            dataAge is { } value ? $"oldest exchange {value:F2} s (threshold {thresholds.DataAgeSeconds:F0} s, alert {AlphaPulse.Build.Monitoring.AlertRules.ExchangeDataStale})" : $"no service exports {DeploymentValidator.DataAgeMetric}"));
        return checks;
    }

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;

    private Check HealthCheck(string name, ProxyAnswer answer) =>
        new(name, answer.Ok && answer.Elapsed <= thresholds.HealthResponse,
            $"{(answer.Ok ? "200" : "failed: " + Shorten(answer.Body))} in {answer.Elapsed.TotalMilliseconds:F0} ms (threshold {thresholds.HealthResponseMilliseconds:F0} ms)");

    private async Task<IReadOnlyList<(double UpperBound, double Count)>> LatencyTotalsAsync(IReadOnlyList<(string Pod, int Port, string Name)> endpoints)
    {
        var expositions = new List<string>();
        foreach (var (pod, port, _) in endpoints)
        {
            var metrics = await _proxy.PodAsync(pod, port, "/metrics").ConfigureAwait(false);
            if (metrics.Ok)
            {
                expositions.Add(metrics.Body);
            }
        }
        return ShmLatencyWindow.Buckets(expositions);
    }

    private static string NotReady(List<V1Pod> pods) => pods.Where(pod => !IsReady(pod)).Select(pod => pod.Metadata.Name).ToList() is { Count: > 0 } names
        ? $" (not ready: {string.Join(", ", names)})"
        : "";

    private static string Shorten(string text) => (text.Length > 160 ? text[..160] : text).ReplaceLineEndings(" ").Trim();
}
