using AlphaPulse.Build.Monitoring;
using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>
/// The Kubernetes scrape configuration against the manifests it scrapes: every container port named
/// metrics* of the cell becomes a target labelled the way the alert rules group (job, exchange, replica),
/// and a port that is not a metrics port is not scraped.
/// </summary>
public sealed class KubernetesScrapeConfigTests
{
    private static readonly string Root = TestPaths.RepositoryRoot();
    private static readonly string Config = File.ReadAllText(Path.Combine(Root, MonitoringFiles.KubernetesConfig));

    [Fact]
    public void ShouldLabelEveryCollectorMetricsPortWithItsJobExchangeAndReplica()
    {
        var cell = CellTemplate();
        var collectors = cell.Spec.Containers.Where(container => container.Name.StartsWith("collector-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, collectors.Count);
        foreach (var container in collectors)
        {
            var port = Assert.Single(container.Ports, port => port.Name.StartsWith("metrics", StringComparison.Ordinal));
            var labels = Assert.IsType<Dictionary<string, string>>(KubernetesScrapeConfig.Relabel(Config, Meta(cell, container, port)));
            Assert.Equal(ScrapeTargets.CollectorJob, labels["job"]);
            Assert.Equal(container.Env.Single(variable => variable.Name == "EXCHANGE").Value, labels["exchange"]);
            Assert.Equal("alphapulse-cell-7d9f-x2", labels["replica"]);
            Assert.Equal("/metrics", labels["__metrics_path__"]);
        }
    }

    [Fact]
    public void ShouldLabelTheWebSocketServerMetricsPortAsTheWebSocketJob()
    {
        var cell = CellTemplate();
        var server = cell.Spec.Containers.Single(container => container.Name == "websocket-server");
        var metrics = server.Ports.Single(port => port.Name.StartsWith("metrics", StringComparison.Ordinal));
        Assert.Equal(ScrapeTargets.WebSocketJob, KubernetesScrapeConfig.Relabel(Config, Meta(cell, server, metrics))!["job"]);
        var clients = server.Ports.Single(port => port.Name == "websocket");
        Assert.Null(KubernetesScrapeConfig.Relabel(Config, Meta(cell, server, clients)));
    }

    [Fact]
    public void ShouldNotScrapeAPodWithoutTheScrapeAnnotation()
    {
        var cell = CellTemplate();
        var container = cell.Spec.Containers[0];
        var meta = Meta(cell, container, container.Ports[0]);
        meta["__meta_kubernetes_pod_annotation_prometheus_io_scrape"] = "false";
        Assert.Null(KubernetesScrapeConfig.Relabel(Config, meta));
    }

    private static V1PodTemplateSpec CellTemplate() =>
        KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Root, "deploy", "k8s", "base", "cell.yaml"))).OfType<V1Deployment>().Single().Spec.Template;

    private static Dictionary<string, string> Meta(V1PodTemplateSpec pod, V1Container container, V1ContainerPort port) => new(StringComparer.Ordinal)
    {
        ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"] = pod.Metadata.Annotations["prometheus.io/scrape"],
        ["__meta_kubernetes_pod_annotation_prometheus_io_path"] = pod.Metadata.Annotations["prometheus.io/path"],
        ["__meta_kubernetes_pod_container_name"] = container.Name,
        ["__meta_kubernetes_pod_container_port_name"] = port.Name ?? "",
        ["__meta_kubernetes_pod_name"] = "alphapulse-cell-7d9f-x2",
        ["__meta_kubernetes_namespace"] = "alphapulse",
        ["__meta_kubernetes_pod_node_name"] = "node-a",
    };
}
