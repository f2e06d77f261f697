using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Kubernetes;

partial class Build
{
    [Parameter("Deploy/Smoke/Rollback/Backup/RestoreBackup --env staging|production: kubeconfig file (default: KUBECONFIG_DATA, then KUBECONFIG, then ~/.kube/config)")]
    readonly string? Kubeconfig;

    [Parameter("Kubernetes environments: the kubeconfig's content, plain or base64 (also KUBECONFIG_DATA, as the deploy workflow passes it)"), Secret]
    readonly string? KubeconfigData;

    [Parameter("Backup/RestoreBackup: S3 bucket the archives also go to (Backup) or come from (RestoreBackup), e.g. alphapulse-backups")]
    readonly string? S3Bucket;

    [Parameter("Backup/RestoreBackup: S3-compatible endpoint URL (MinIO, s3rver); default: AWS itself")]
    readonly string? S3Endpoint;

    [Parameter("Backup/RestoreBackup: the bucket's AWS region")]
    readonly string S3Region = "us-east-1";

    [Parameter("Backup/RestoreBackup: S3 access key id (also AWS_ACCESS_KEY_ID; default: the AWS SDK's credential chain)"), Secret]
    readonly string? AwsAccessKeyId;

    [Parameter("Backup/RestoreBackup: S3 secret access key (also AWS_SECRET_ACCESS_KEY)"), Secret]
    readonly string? AwsSecretAccessKey;

    AbsolutePath ManifestsDirectory => RootDirectory / "deploy" / "k8s";

    bool IsKubernetesEnvironment => Env is DeploymentEnvironment.Staging or DeploymentEnvironment.Production;

    string EnvironmentName => Env?.ToString().ToLowerInvariant() ?? throw new BuildException("--env is required");

    /// <summary>The environment's manifests with the image tag Deploy rolls out (null: the overlay's own, for Rollback, Smoke and Backup).</summary>
    ManifestSet RenderManifests(string? imageTag) => ManifestSet.Render(ManifestsDirectory, EnvironmentName, imageTag, Registry);

    /// <summary>Connects to the environment's cluster; its credentials are masked in every output from here on.</summary>
    ClusterConnection ConnectCluster()
    {
        ClusterConnection connection;
        try
        {
            // The engine also fills --kubeconfig from KUBECONFIG; that one ranks after KUBECONFIG_DATA, as documented.
            var fromVariable = Context.Environment.TryGetValue("KUBECONFIG", out var variable) && variable == Kubeconfig;
            connection = KubeconfigSource.Resolve(fromVariable ? null : Kubeconfig, KubeconfigData, Context.Environment);
        }
        catch (InvalidOperationException e)
        {
            throw new BuildException(e.Message, e);
        }
        connection.Credentials.ToList().ForEach(Context.Masker.Add);
        Log.Information($"Cluster: kubeconfig from {connection.Source}");
        return connection;
    }

    /// <summary>Runs <paramref name="action"/> on the cluster, turning the API's refusals into errors that say what to check.</summary>
    Task<T> OnClusterAsync<T>(Func<k8s.IKubernetes, Task<T>> action) => OnClusterAsync((client, _) => action(client));

    /// <inheritdoc cref="OnClusterAsync{T}(Func{k8s.IKubernetes, Task{T}})"/>
    async Task<T> OnClusterAsync<T>(Func<k8s.IKubernetes, k8s.KubernetesClientConfiguration, Task<T>> action)
    {
        var connection = ConnectCluster();
        using var client = connection.CreateClient();
        try
        {
            return await action(client, connection.Configuration);
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw new BuildException($"the Kubernetes API must accept the build's requests: {e.Request.Method} {e.Request.RequestUri.AbsolutePath} answered {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {Shorten(e.Response.Content)} (check the kubeconfig's user and its rights in namespace {RenderManifests(null).Namespace}, deploy/README.md)", e);
        }
        catch (HttpRequestException e)
        {
            throw new BuildException($"the Kubernetes API server must be reachable: {e.Message} (check the kubeconfig's server and the network)", e);
        }
    }

    static string Shorten(string? text) => text is null ? "" : (text.Length > 300 ? text[..300] : text).ReplaceLineEndings(" ");

    KubernetesDelivery OpenKubernetesDelivery(k8s.IKubernetes client, string? imageTag) =>
        new(client, RenderManifests(imageTag), ValidationThresholds.Load(RootDirectory));

    async Task DeployToClusterAsync()
    {
        if (ImageTagRule.Check(EnvironmentName, Tag) is { } refused)
        {
            throw new BuildException(refused);
        }
        var outcome = await OnClusterAsync(client => OpenKubernetesDelivery(client, Tag).DeployAsync());
        ReportSummary("revisions", string.Join(", ", outcome.Revisions.Select(entry => $"deployment/{entry.Key} revision {entry.Value}")));
        ReportSummary("validated", $"{outcome.Checks.Count} checks passed, live in {outcome.Duration.TotalSeconds:F0} s");
    }

    async Task RollbackClusterAsync()
    {
        var outcome = await OnClusterAsync(client => OpenKubernetesDelivery(client, null).RollbackAsync(Revision ?? 0));
        ReportSummary("revisions", string.Join(", ", outcome.Revisions.Select(entry => $"deployment/{entry.Key} revision {entry.Value}")));
        ReportSummary("validated", $"{outcome.Checks.Count} checks passed in {outcome.Duration.TotalSeconds:F0} s");
    }

    /// <summary>Validation, then a real WebSocket client through the API server's proxy to the WebSocket Service.</summary>
    Task<IReadOnlyList<Check>> SmokeClusterAsync() => OnClusterAsync((client, configuration) => OpenKubernetesDelivery(client, null).SmokeAsync(configuration));

    async Task<string> BackupClusterAsync()
    {
        var staging = Directory.CreateTempSubdirectory("alphapulse-backup-");
        try
        {
            var (objects, secrets, rings) = await OnClusterAsync(client => new ClusterBackup(client, RenderManifests(null)).WriteAsync(staging.FullName));
            var now = DateTimeOffset.UtcNow;
            var archive = Backups / $"alphapulse-{EnvironmentName}-{now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)}.tar.gz";
            var manifest = AlphaPulse.Build.Delivery.BackupArchive.Pack(staging.FullName, archive, EnvironmentName, now);
            ReportSummary("archive", $"{Path.GetFileName(archive)}: {objects} objects, {secrets} secret names (no values), rings of {rings} cells, {manifest.Files.Count} files");
            return archive;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    async Task RestoreClusterAsync(string archive)
    {
        var unpacked = Directory.CreateTempSubdirectory("alphapulse-restore-");
        try
        {
            var manifest = AlphaPulse.Build.Delivery.BackupArchive.UnpackVerified(archive, unpacked.FullName);
            var manifests = RenderManifests(null);
            var timeout = TimeSpan.FromSeconds(manifests.OfType<k8s.Models.V1Deployment>().Select(d => d.Spec.ProgressDeadlineSeconds ?? 600).DefaultIfEmpty(600).Max()) + KubernetesDelivery.DeadlineMargin;
            var restored = await OnClusterAsync(client => new ClusterBackup(client, manifests).RestoreAsync(unpacked.FullName, manifest, timeout));
            ReportSummary("restored", $"{Path.GetFileName(archive)}: {restored} objects applied into {manifests.Namespace}");
        }
        finally
        {
            unpacked.Delete(recursive: true);
        }
    }

    S3BackupStore OpenS3Store(string bucket) =>
        new(new S3Location(bucket, S3Endpoint, S3Region, AwsAccessKeyId, AwsSecretAccessKey).CreateClient(), bucket);
}
