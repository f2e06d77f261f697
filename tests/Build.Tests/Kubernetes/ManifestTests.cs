using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// deploy/k8s rendered per environment into KubernetesClient's typed models (no API server can run on
/// these machines; the generated workflow's kind job applies them to a real cluster): what every pod must
/// be, where ring readers run, and how the environments differ.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string ManifestsDirectory = Path.Combine(TestPaths.RepositoryRoot(), "deploy", "k8s");

    public static TheoryData<string> Environments => new(ManifestSet.Environments(ManifestsDirectory));

    private static V1Deployment Cell(ManifestSet set) => Assert.Single(set.OfType<V1Deployment>(), d => d.Metadata.Name == "alphapulse-cell");

    [Fact]
    public void ShouldHaveStagingAndProductionInTheirOwnNamespaces()
    {
        Assert.Equal(["production", "staging"], ManifestSet.Environments(ManifestsDirectory));
        Assert.Equal("alphapulse", ManifestSet.Render(ManifestsDirectory, "production").Namespace);
        Assert.Equal("alphapulse-staging", ManifestSet.Render(ManifestsDirectory, "staging").Namespace);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldRenderEveryObjectIntoTheEnvironmentsNamespace(string environment)
    {
        var set = ManifestSet.Render(ManifestsDirectory, environment);

        var ns = Assert.Single(set.OfType<V1Namespace>());
        Assert.Equal(set.Namespace, ns.Metadata.Name);
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.All(set.Objects.Where(o => o is not (V1Namespace or V1ClusterRole or V1ClusterRoleBinding)), o => Assert.Equal(set.Namespace, o.Metadata.NamespaceProperty));
        Assert.All(set.Objects.Where(o => o is V1Namespace or V1ClusterRole or V1ClusterRoleBinding), o => Assert.Null(o.Metadata.NamespaceProperty));
        Assert.Equal(
            ["ClusterRole", "ClusterRoleBinding", "ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Namespace", "NetworkPolicy", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"],
            set.Objects.Select(o => o.Kind).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldRunEveryPodNonRootReadOnlyWithNoCapabilitiesAndTheRuntimesSeccompProfile(string environment)
    {
        foreach (var workload in ManifestSet.Render(ManifestsDirectory, environment).Objects.Where(o => ManifestSet.PodSpec(o) is not null))
        {
            var pod = ManifestSet.PodSpec(workload)!;
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(pod.AutomountServiceAccountToken);
            Assert.DoesNotContain(pod.Volumes, volume => volume.HostPath is not null);
            foreach (var container in ManifestSet.Containers(workload))
            {
                var context = container.SecurityContext;
                Assert.True(context.ReadOnlyRootFilesystem, $"{container.Name} must have a read-only root filesystem");
                Assert.False(context.AllowPrivilegeEscalation, $"{container.Name} must not escalate privileges");
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Null(context.Capabilities.Add);
                Assert.True(context.RunAsUser is null or > 0, $"{container.Name} must not run as root");
                Assert.NotNull(container.Resources.Requests);
                Assert.NotNull(container.Resources.Limits);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldKeepEveryRingReaderInItsWritersPodOnAMemoryVolumeAndCellsOnDifferentNodes(string environment)
    {
        var cell = Cell(ManifestSet.Render(ManifestsDirectory, environment));
        var pod = cell.Spec.Template.Spec;

        var rings = Assert.Single(pod.Volumes, volume => volume.Name == "rings");
        Assert.Equal("Memory", rings.EmptyDir.Medium);
        var writers = pod.Containers.Where(c => c.Name.StartsWith("collector-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["collector-binance", "collector-coinbase", "collector-kraken"], writers.Select(c => c.Name));
        var readers = pod.Containers.Except(writers).ToList();
        Assert.Equal(["websocket-server", "analytics"], readers.Select(c => c.Name));
        foreach (var container in writers.Concat(readers))
        {
            var mount = Assert.Single(container.VolumeMounts, m => m.Name == "rings");
            Assert.Equal(mount.MountPath, Env(container, "SHARED_MEMORY_PATH"));
            Assert.Equal(readers.Contains(container), mount.ReadOnlyProperty == true);
        }
        Assert.Equal(string.Join(',', writers.Select(c => Env(c, "EXCHANGE"))), Env(readers[1], "EXCHANGES"));
        Assert.Equal(["binance", "coinbase", "kraken"], writers.Select(c => Env(c, "EXCHANGE")));
        Assert.DoesNotContain(writers, c => c.Env.Any(e => e.Name == "REPLICA_ID"));

        var spread = Assert.Single(pod.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", spread.TopologyKey);
        Assert.Equal(cell.Spec.Selector.MatchLabels, spread.LabelSelector.MatchLabels);
        Assert.True(cell.Spec.Replicas >= 2, "two cells are the A and B replicas");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldProbeHealthAndReadinessOnEachServicesOwnMetricsPort(string environment)
    {
        foreach (var container in Cell(ManifestSet.Render(ManifestsDirectory, environment)).Spec.Template.Spec.Containers)
        {
            // The C# services answer health on METRICS_PORT; the analytics service on its one port, API_PORT.
            var port = int.Parse((Env(container, "METRICS_PORT") ?? Env(container, "API_PORT"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(("/health", port), (container.LivenessProbe.HttpGet.Path, int.Parse(container.LivenessProbe.HttpGet.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(("/ready", port), (container.ReadinessProbe.HttpGet.Path, int.Parse(container.ReadinessProbe.HttpGet.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains(container.Ports, p => p.ContainerPort == port && p.Name.StartsWith("metrics", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldDenyAllTrafficByDefaultAndOpenOnlyTheWebSocketPortToEveryone(string environment)
    {
        var policies = ManifestSet.Render(ManifestsDirectory, environment).OfType<V1NetworkPolicy>().ToList();

        var deny = Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels is null && p.Spec.Ingress is null && p.Spec.Egress is null);
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        var open = policies.SelectMany(p => p.Spec.Ingress ?? []).Where(rule => rule.FromProperty is null).SelectMany(rule => rule.Ports).ToList();
        Assert.Equal(["8765"], open.Select(p => p.Port.Value));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldServeTheAnalyticsApiFromEveryCellToTheClusterOnlyAndHaveItScraped(string environment)
    {
        var set = ManifestSet.Render(ManifestsDirectory, environment);
        var cell = Cell(set);
        var analytics = Assert.Single(cell.Spec.Template.Spec.Containers, c => c.Name == "analytics");
        var port = Assert.Single(analytics.Ports);

        // Scraped: the pod is annotated and the port's name is metrics-* (deploy/monitoring/prometheus.yml).
        Assert.Equal("true", cell.Spec.Template.Metadata.Annotations["prometheus.io/scrape"]);
        Assert.StartsWith("metrics", port.Name, StringComparison.Ordinal);
        Assert.Equal(8090, port.ContainerPort);
        Assert.StartsWith("alphapulse/python-bindings:", analytics.Image, StringComparison.Ordinal);

        var service = Assert.Single(set.OfType<V1Service>(), s => s.Metadata.Name == "alphapulse-analytics");
        Assert.Equal(cell.Spec.Selector.MatchLabels, service.Spec.Selector);
        var servicePort = Assert.Single(service.Spec.Ports);
        Assert.Equal((8090, port.Name), (servicePort.Port, servicePort.TargetPort.Value));

        var rules = set.OfType<V1NetworkPolicy>().SelectMany(p => p.Spec.Ingress ?? []).Where(rule => rule.Ports?.Any(p => p.Port.Value == "8090") == true).ToList();
        var rule = Assert.Single(rules);
        var from = Assert.Single(rule.FromProperty);
        Assert.Null(from.IpBlock);
        Assert.Null(from.PodSelector);
        Assert.Empty(from.NamespaceSelector.MatchLabels ?? new Dictionary<string, string>());
    }

    [Fact]
    public void ShouldSetTheEnvironmentsImageTags()
    {
        var staging = Cell(ManifestSet.Render(ManifestsDirectory, "staging")).Spec.Template.Spec.Containers;

        Assert.All(staging, c => Assert.EndsWith(":develop", c.Image, StringComparison.Ordinal));
        Assert.Contains(staging, c => c.Image == "alphapulse/websocket-server:develop");
        Assert.Contains(staging, c => c.Image == "alphapulse/python-bindings:develop");
    }

    [Fact]
    public void ShouldRefuseAManifestWithAnUnknownFieldNamingTheFile()
    {
        using var root = new TempDirectory();
        root.Write("test/kustomization.yaml", "resources:\n  - bad.yaml\n");
        root.Write("test/bad.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz: []\n");

        var error = Assert.Throws<InvalidDataException>(() => ManifestSet.Render(root.Path, "test"));

        Assert.Contains("bad.yaml", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("a manifest must load into the Kubernetes model with no unknown field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAKustomizeFeatureTheRendererDoesNotImplement()
    {
        using var root = new TempDirectory();
        root.Write("test/kustomization.yaml", "resources: []\npatches:\n  - path: p.yaml\n");

        var error = Assert.Throws<InvalidDataException>(() => ManifestSet.Render(root.Path, "test"));

        Assert.StartsWith("a kustomization may use only resources, namespace and images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReplaceTheOverlaysTagsWithTheDeployedTagAndRegistry()
    {
        var set = ManifestSet.Render(ManifestsDirectory, "production", "v1.4.2", "ghcr.io/acme/");

        Assert.Equal(["ghcr.io/acme/alphapulse/collector:v1.4.2", "ghcr.io/acme/alphapulse/websocket-server:v1.4.2", "ghcr.io/acme/alphapulse/python-bindings:v1.4.2"],
            Cell(set).Spec.Template.Spec.Containers.Select(c => c.Image).Distinct());
    }

    [Fact]
    public void ShouldPinADigestWithAnAtSign()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        var set = ManifestSet.Render(ManifestsDirectory, "staging", digest);

        Assert.Equal([$"alphapulse/collector@{digest}", $"alphapulse/websocket-server@{digest}", $"alphapulse/python-bindings@{digest}"], Cell(set).Spec.Template.Spec.Containers.Select(c => c.Image).Distinct());
    }

    private static string? Env(V1Container container, string name) => container.Env?.FirstOrDefault(e => e.Name == name)?.Value;
}
