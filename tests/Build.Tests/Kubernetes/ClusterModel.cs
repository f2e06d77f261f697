using System.Globalization;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// Helpers for tests of the Kubernetes targets against <see cref="FakeApiServer"/> (a model of the API
/// server, not a cluster): the repository's manifests, services that answer like ours through the
/// proxy, and the live cell Deployment.
/// </summary>
internal static class ClusterModel
{
    public const string Cell = "alphapulse-cell";

    public static readonly string ManifestsDirectory = Path.Combine(TestPaths.RepositoryRoot(), "deploy", "k8s");

    // The health deadline is the alert rules' 1 s times ten: these tests run beside other builds on 2 cores,
    // where a proxied answer of the in-process model can take over a second; no test here is about it.
    public static readonly ValidationThresholds Thresholds = new(ReadyDeadlineSeconds: 120, HealthResponseMilliseconds: 10_000, SharedMemoryLatencyP99Seconds: 0.01, DataAgeSeconds: 10);

    public static KubernetesDelivery DeliveryTo(FakeApiServer api, string environment, string? tag = null) =>
        new(api.Client, ManifestSet.Render(ManifestsDirectory, environment, tag), Thresholds) { LatencyWindow = TimeSpan.FromMilliseconds(50) };

    /// <summary>
    /// Every proxied /health and /ready answers 200; /metrics exports a latency histogram that grows by one
    /// 40 µs sample per scrape and the data age <paramref name="dataAge"/> gives for the pod (by name).
    /// </summary>
    public static void AnswerLikeOurServices(FakeApiServer api, Func<string, double>? dataAge = null)
    {
        var scrapes = 0;
        api.Proxy = (_, target, path) => path switch
        {
            "/health" or "/ready" => (200, "ok"),
            "/metrics" => (200, Metrics(Interlocked.Increment(ref scrapes), dataAge?.Invoke(target) ?? 0.4)),
            _ => (404, "not found"),
        };
    }

    public static V1Deployment LiveCell(FakeApiServer api, string @namespace) =>
        api.Get<V1Deployment>($"apis/apps/v1/namespaces/{@namespace}/deployments", Cell)!;

    public static IEnumerable<string> Images(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Select(container => container.Image).Distinct();

    public static long Revision(V1Deployment deployment) => long.Parse(deployment.Metadata.Annotations[RolloutUndo.RevisionAnnotation], CultureInfo.InvariantCulture);

    private static string Metrics(int scrapes, double dataAge) => string.Create(CultureInfo.InvariantCulture, $"""
        # TYPE alphapulse_ws_shm_latency_seconds histogram
        alphapulse_ws_shm_latency_seconds_bucket{"{"}exchange="binance",le="0.00004"{"}"} {scrapes}
        alphapulse_ws_shm_latency_seconds_bucket{"{"}exchange="binance",le="+Inf"{"}"} {scrapes}
        alphapulse_ws_shm_latency_seconds_sum{"{"}exchange="binance"{"}"} {scrapes * 0.00004}
        alphapulse_ws_shm_latency_seconds_count{"{"}exchange="binance"{"}"} {scrapes}
        # TYPE alphapulse_ws_data_age_seconds gauge
        alphapulse_ws_data_age_seconds{"{"}exchange="binance"{"}"} {dataAge}
        """);
}
