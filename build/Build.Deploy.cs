using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;

partial class Build
{
    [Parameter("Deploy/Smoke/Rollback/Backup/RestoreBackup: target environment: local (Docker engine), staging or production (Kubernetes, deploy/k8s)")]
    readonly DeploymentEnvironment? Env;

    [Parameter("Rollback: the revision to go back to: the local deploy history's, or the Deployments' deployment.kubernetes.io/revision on Kubernetes (default: the one before the current)")]
    readonly int? Revision;

    [Parameter("Deploy/Smoke: tokens WebSocket clients must present, comma-separated (also WEB_SOCKET_TOKENS; default: no authentication)"), Secret]
    readonly string? WebSocketTokens;

    [Parameter("Deploy --env local: host folder of the shared-memory rings, mounted into every container")]
    readonly string LocalSharedMemoryPath = "/dev/shm/alphapulse-local";

    AbsolutePath LocalStateDirectory => ArtifactsDirectory / "deploy" / "local";

    LocalEnvironmentPaths LocalPaths => new(LocalStateDirectory, LocalSharedMemoryPath);

    Target Deploy => _ => _
        .Description("Deploy --image-tag (default: the commit) to --env: local one container at a time, Kubernetes by server-side apply and rollout; validated, rolled back by itself when validation fails")
        .Requires(() => Env)
        .Executes(async () =>
        {
            if (IsKubernetesEnvironment)
            {
                await DeployToClusterAsync();
                return;
            }
            using var local = OpenLocalEnvironment();
            if (WebSocketTokens is not null)
            {
                DeliverySecrets.WriteTokensFile(WebSocketTokens, LocalPaths.TokensFile);
            }
            var result = await local.Environment.DeployAsync(LocalTopology.ImagesFor(Tag, Registry), new LocalEnvironmentConfiguration(Feed, SimulatorRate, WebSocketTokens is not null), DeployKind.Deploy);
            ReportSummary("revision", $"{result.Entry.Revision} live in {result.Duration.TotalSeconds:F0} s");
        });

    Target Rollback => _ => _
        .Description("Roll --env back to the previous (or --revision N) revision, as kubectl rollout undo does on Kubernetes, then validate")
        .Requires(() => Env)
        .Executes(async () =>
        {
            if (IsKubernetesEnvironment)
            {
                await RollbackClusterAsync();
                return;
            }
            using var local = OpenLocalEnvironment();
            var target = DeployHistory.Load(LocalPaths.HistoryFile).RollbackTarget(Revision);
            var configuration = LocalEnvironmentConfiguration.Load(LocalPaths.ConfigurationFile) ?? new LocalEnvironmentConfiguration(Feed, SimulatorRate, false);
            Log.Information($"Rolling back to revision {target.Revision} ({string.Join(", ", target.Images.Values)})");
            var result = await local.Environment.DeployAsync(target.Images, configuration, DeployKind.Rollback, target.Revision);
            ReportSummary("revision", $"{result.Entry.Revision} = revision {target.Revision}, live in {result.Duration.TotalSeconds:F0} s");
        });

    LocalSession OpenLocalEnvironment() => Env == DeploymentEnvironment.Local
        ? LocalSession.Open(LocalPaths, ValidationThresholds.Load(RootDirectory))
        : throw new BuildException($"a local session needs --env local: got --env {Env?.ToString().ToLowerInvariant()} (a Kubernetes environment goes through Build.Kubernetes.cs)");
}
