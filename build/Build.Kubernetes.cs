using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Kubernetes;

partial class Build
{
    [Parameter("Deploy/Smoke/Rollback/Backup/RestoreBackup --env staging|production: kubeconfig file (default: KUBECONFIG_DATA, then KUBECONFIG, then ~/.kube/config)")]
    readonly string? Kubeconfig;

    [Parameter("Kubernetes environments: the kubeconfig's content, plain or base64 (also KUBECONFIG_DATA, as the deploy workflow passes it)"), Secret]
    readonly string? KubeconfigData;

    AbsolutePath ManifestsDirectory => RootDirectory / "deploy" / "k8s";

    bool IsKubernetesEnvironment => Env is DeploymentEnvironment.Staging or DeploymentEnvironment.Production;

    string EnvironmentName => Env?.ToString().ToLowerInvariant() ?? throw new BuildException("--env is required");

    /// <summary>The environment's manifests with the image tag Deploy rolls out (null: the overlay's own, for Rollback, Smoke and Backup).</summary>
    ManifestSet RenderManifests(string? imageTag) => ManifestSet.Render(ManifestsDirectory, EnvironmentName, imageTag, Registry);

    /// <summary>Connects to the environment's cluster; its credentials are masked in every output from here on.</summary>
    k8s.IKubernetes ConnectCluster()
    {
        ClusterConnection connection;
        try
        {
            connection = KubeconfigSource.Resolve(Kubeconfig, KubeconfigData, Context.Environment);
        }
        catch (InvalidOperationException e)
        {
            throw new BuildException(e.Message, e);
        }
        connection.Credentials.ToList().ForEach(Context.Masker.Add);
        Log.Information($"Cluster: kubeconfig from {connection.Source}");
        return connection.CreateClient();
    }

    KubernetesDelivery OpenKubernetesDelivery(k8s.IKubernetes client, string? imageTag) =>
        new(client, RenderManifests(imageTag), ValidationThresholds.Load(RootDirectory));

    async Task DeployToClusterAsync()
    {
        if (ImageTagRule.Check(EnvironmentName, ImageTag ?? Tag) is { } refused)
        {
            throw new BuildException(refused);
        }
        using var client = ConnectCluster();
        var outcome = await OpenKubernetesDelivery(client, ImageTag ?? Tag).DeployAsync();
        ReportSummary("revisions", string.Join(", ", outcome.Revisions.Select(entry => $"deployment/{entry.Key} revision {entry.Value}")));
        ReportSummary("validated", $"{outcome.Checks.Count} checks passed, live in {outcome.Duration.TotalSeconds:F0} s");
    }

    async Task RollbackClusterAsync()
    {
        using var client = ConnectCluster();
        var outcome = await OpenKubernetesDelivery(client, null).RollbackAsync(Revision ?? 0);
        ReportSummary("revisions", string.Join(", ", outcome.Revisions.Select(entry => $"deployment/{entry.Key} revision {entry.Value}")));
        ReportSummary("validated", $"{outcome.Checks.Count} checks passed in {outcome.Duration.TotalSeconds:F0} s");
    }

    async Task<IReadOnlyList<Check>> SmokeClusterAsync()
    {
        using var client = ConnectCluster();
        return await OpenKubernetesDelivery(client, null).ValidateAsync();
    }
}
