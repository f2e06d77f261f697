using AlphaPulse.Build.Tests.Delivery;
using AlphaPulse.Build.Tests.Engine;
using AlphaPulse.Build.Tests.LiveStack;
using static AlphaPulse.Build.Tests.Kubernetes.ClusterModel;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// The Kubernetes targets run as <c>./build.sh</c> runs them (in-process, the real Build class), against
/// <see cref="FakeApiServer"/> — a model of the API server, NOT a cluster — reached through a kubeconfig
/// in KUBECONFIG_DATA, and a real s3rver for the S3 backups. Behind the model's service proxy runs the real
/// local stack, so Smoke's WebSocket client gets real books. Every secret is a marker value, and the whole
/// build output is searched for it.
/// </summary>
[Collection(LiveStackTests.Name)]
public sealed class KubernetesTargetsTests : IDisposable
{
    private const string TokenMarker = "kubetoken-MARKER-7f3a9c21";
    private const string AccessKeyMarker = "AKIAMARKER5E1D9B77";
    private const string SecretKeyMarker = "s3secret-MARKER-c0ffee42";

    private readonly BuildHarness _harness = new();
    private readonly LiveStackFixture _stack;

    public KubernetesTargetsTests(LiveStackFixture stack)
    {
        _stack = stack;
        var root = TestPaths.RepositoryRoot();
        // The manifests, and what validation reads its thresholds from: the waits and the alert rules.
        var files = Directory.EnumerateFiles(Path.Combine(root, "deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "deploy", "validation-thresholds.json"))
            .Append(Path.Combine(root, "deploy", "monitoring", "rules", "alert_rules.yml"));
        foreach (var file in files)
        {
            _harness.WithFile(Path.GetRelativePath(root, file), File.ReadAllText(file));
        }
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ShouldDeploySmokeBackUpRestoreAndRollBackStagingWithoutPrintingTheKubeconfigsToken()
    {
        await using var api = await FakeApiServer.StartAsync();
        await using var s3 = await S3Server.StartAsync();
        AnswerLikeOurServices(api);
        api.WebSocketBackend = (_, _, path) => new Uri($"ws://127.0.0.1:{_stack.Ports.WebSocket}{path}");
        _harness.Environment["KUBECONFIG_DATA"] = api.Kubeconfig(TokenMarker);
        var backups = Path.Combine(_harness.Root, "backups");
        string[] s3Options = ["--s3-bucket", S3Server.Bucket, "--s3-endpoint", s3.Endpoint, "--aws-access-key-id", S3Server.AccessKeyId, "--aws-secret-access-key", S3Server.SecretAccessKey, "--backup-dir", backups];

        var runs = new[]
        {
            _harness.Run<global::Build>("Deploy", "--env", "staging", "--image-tag", "abc1234"),
            _harness.Run<global::Build>("Deploy", "--env", "staging", "--image-tag", "def5678"),
            _harness.Run<global::Build>("Smoke", "--env", "staging"),
            _harness.Run<global::Build>(["Backup", "--env", "staging", .. s3Options]),
            _harness.Run<global::Build>(["RestoreBackup", "--env", "staging", .. s3Options]),
            _harness.Run<global::Build>("Rollback", "--env", "staging"),
        };

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        var output = string.Concat(runs.Select(run => run.Output));
        Assert.DoesNotContain(TokenMarker, output, StringComparison.Ordinal);
        Assert.Contains($"Bearer {TokenMarker}", api.Authorizations);
        Assert.Contains("Waiting up to 330 s for deployment/alphapulse-cell to roll out", runs[0].Output, StringComparison.Ordinal);
        Assert.Contains("deployment/alphapulse-cell revision 2", runs[1].Output, StringComparison.Ordinal);
        Assert.Contains("uploaded", runs[3].Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(backups, "alphapulse-staging-*.tar.gz"));
        Assert.Equal(["alphapulse/collector:abc1234", "alphapulse/websocket-server:abc1234", "alphapulse/python-bindings:abc1234"], Images(LiveCell(api, "alphapulse-staging")));
    }

    [Fact]
    public async Task ShouldRefuseToDeployAMutableTagToProductionBeforeTouchingTheCluster()
    {
        await using var api = await FakeApiServer.StartAsync();
        _harness.Environment["KUBECONFIG_DATA"] = api.Kubeconfig(TokenMarker);

        var run = _harness.Run<global::Build>("Deploy", "--env", "production", "--image-tag", "latest");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("production runs only immutable tags: a version (1.4.2, v1.4.2-rc.1), a git commit SHA (7-40 hex digits) or a digest (sha256:<64 hex>): --image-tag 'latest' is mutable", run.Output, StringComparison.Ordinal);
        Assert.Empty(api.Applies);
    }

    [Fact]
    public async Task ShouldSayWhichRequestTheApiRefusedAndWhatToCheck()
    {
        await using var api = await FakeApiServer.StartAsync();
        api.Forbidden.Add("deployments");
        _harness.Environment["KUBECONFIG_DATA"] = api.Kubeconfig(TokenMarker);

        var run = _harness.Run<global::Build>("Deploy", "--env", "staging", "--image-tag", "abc1234");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the Kubernetes API must accept the build's requests: GET /apis/apps/v1/namespaces/alphapulse-staging/deployments answered 403 Forbidden", run.Output, StringComparison.Ordinal);
        Assert.Contains("check the kubeconfig's user and its rights in namespace alphapulse-staging", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldNotPrintS3KeysOrTheKubeconfigWhenABackupUploadIsRefused()
    {
        await using var api = await FakeApiServer.StartAsync();
        await using var s3 = await S3Server.StartAsync();
        AnswerLikeOurServices(api);
        _harness.Environment["KUBECONFIG_DATA"] = api.Kubeconfig(TokenMarker);
        _harness.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyMarker;
        _harness.Environment["AWS_SECRET_ACCESS_KEY"] = SecretKeyMarker;
        var deploy = _harness.Run<global::Build>("Deploy", "--env", "staging", "--image-tag", "abc1234");

        var backup = _harness.Run<global::Build>("Backup", "--env", "staging", "--s3-bucket", S3Server.Bucket, "--s3-endpoint", s3.Endpoint, "--backup-dir", Path.Combine(_harness.Root, "backups"));

        Assert.Equal(0, deploy.ExitCode);
        Assert.NotEqual(0, backup.ExitCode);
        foreach (var marker in new[] { TokenMarker, AccessKeyMarker, SecretKeyMarker, api.Kubeconfig(TokenMarker) })
        {
            Assert.DoesNotContain(marker, deploy.Output + backup.Output, StringComparison.Ordinal);
        }
    }
}
