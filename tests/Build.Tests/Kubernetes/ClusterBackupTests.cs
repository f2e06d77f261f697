using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Kubernetes;
using k8s.Models;
using static AlphaPulse.Build.Tests.Kubernetes.ClusterModel;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>Backup and restore of a namespace through KubernetesClient, against <see cref="FakeApiServer"/> (a model, not a cluster).</summary>
public sealed class ClusterBackupTests : IDisposable
{
    private const string SecretValue = "do-not-back-me-up";
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private static V1Secret Secret() => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta { Name = "websocket-tokens", NamespaceProperty = "alphapulse-staging" },
        StringData = new Dictionary<string, string> { ["tokens"] = SecretValue },
    };

    private static V1ConfigMap ClusterCa() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "kube-root-ca.crt", NamespaceProperty = "alphapulse-staging" },
    };

    [Fact]
    public async Task ShouldWriteEveryObjectOfTheNamespaceAndOnlyTheNamesOfSecrets()
    {
        await using var api = await FakeApiServer.StartAsync(Secret(), ClusterCa());
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "abc1234").DeployAsync();

        var (objects, secrets, _) = await new ClusterBackup(api.Client, ManifestSet.Render(ManifestsDirectory, "staging")).WriteAsync(_work.Path);

        var files = Directory.EnumerateFiles(_work.Path, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(_work.Path, file)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal((14, 1), (objects, secrets));
        Assert.Contains("objects/Role/alphapulse-deployer.yaml", files);
        Assert.Contains("objects/NetworkPolicy/default-deny.yaml", files);
        Assert.Contains("objects/Service/alphapulse-analytics.yaml", files);
        Assert.Contains("objects/HorizontalPodAutoscaler/alphapulse-cell.yaml", files);
        Assert.DoesNotContain("objects/ConfigMap/kube-root-ca.crt.yaml", files);
        Assert.Equal("- name: websocket-tokens\n  type: Opaque\n", File.ReadAllText(Path.Combine(_work.Path, ClusterBackup.SecretsFile)).Split('\n', 2)[1]);
        Assert.All(files, file => Assert.DoesNotContain(SecretValue, File.ReadAllText(Path.Combine(_work.Path, file)), StringComparison.Ordinal));
        var deployment = File.ReadAllText(Path.Combine(_work.Path, "objects/Deployment/alphapulse-cell.yaml"));
        Assert.Contains("image: alphapulse/collector:abc1234", deployment, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", deployment, StringComparison.Ordinal);
        Assert.DoesNotContain("uid:", deployment, StringComparison.Ordinal);
        Assert.DoesNotContain(RolloutUndo.RevisionAnnotation, deployment, StringComparison.Ordinal);
    }

    /// <summary>Answers every exec as the kubelet would by running the real <c>tar</c> on <paramref name="rings"/> in place of the pod's folder.</summary>
    private static ConcurrentQueue<(string Pod, string Container, string Command)> ExecTarOn(FakeApiServer api, string rings, int exitCode = 0)
    {
        var execs = new ConcurrentQueue<(string, string, string)>();
        api.Exec = async (pod, container, command, stdout) =>
        {
            execs.Enqueue((pod, container, string.Join(' ', command)));
            using var tar = Process.Start(new ProcessStartInfo("tar", ["-C", rings, "-cf", "-", "."]) { RedirectStandardOutput = true })!;
            await tar.StandardOutput.BaseStream.CopyToAsync(stdout);
            await tar.WaitForExitAsync();
            return exitCode == 0 ? tar.ExitCode : exitCode;
        };
        return execs;
    }

    [Fact]
    public async Task ShouldCopyEachReadyCellsRingsWithTarInItsWebSocketServerContainerThroughExec()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "abc1234").DeployAsync();
        var rings = Directory.CreateDirectory(Path.Combine(_work.Path, "node-shm")).FullName;
        var ring = RandomNumberGenerator.GetBytes(300_000);
        File.WriteAllBytes(Path.Combine(rings, "binance.A.ring"), ring);
        var execs = ExecTarOn(api, rings);
        var backup = Path.Combine(_work.Path, "backup");

        var (_, _, copied) = await new ClusterBackup(api.Client, ManifestSet.Render(ManifestsDirectory, "staging")).WriteAsync(backup);

        Assert.True(copied >= 2, $"every ready cell pod's rings are copied: {copied}");
        Assert.Equal(copied, execs.Count);
        Assert.All(execs, exec => Assert.Equal(("websocket-server", "tar -C /dev/shm/alphapulse -cf - ."), (exec.Container, exec.Command)));
        foreach (var (pod, _, _) in execs)
        {
            var unpacked = Directory.CreateDirectory(Path.Combine(_work.Path, "unpacked", pod)).FullName;
            using var untar = Process.Start("tar", ["-C", unpacked, "-xf", Path.Combine(backup, BackupArchive.SharedMemoryFolder, pod + ".tar")]);
            await untar.WaitForExitAsync();
            Assert.Equal(ring, File.ReadAllBytes(Path.Combine(unpacked, "binance.A.ring")));
        }
    }

    [Fact]
    public async Task ShouldKeepTheObjectsAndLeaveOutARingCopyWhoseTarFails()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "abc1234").DeployAsync();
        var execs = ExecTarOn(api, _work.Path, exitCode: 2);
        var backup = Path.Combine(_work.Path, "backup");

        var (objects, _, copied) = await new ClusterBackup(api.Client, ManifestSet.Render(ManifestsDirectory, "staging")).WriteAsync(backup);

        Assert.NotEmpty(execs);
        Assert.Equal((14, 0), (objects, copied));
        Assert.Empty(Directory.Exists(Path.Combine(backup, BackupArchive.SharedMemoryFolder)) ? Directory.GetFiles(Path.Combine(backup, BackupArchive.SharedMemoryFolder)) : []);
    }

    [Fact]
    public async Task ShouldLeaveOutWithAWarningWhatTheUserMayNotList()
    {
        await using var api = await FakeApiServer.StartAsync(Secret());
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "abc1234").DeployAsync();
        api.Forbidden.Add("secrets");

        var (objects, secrets, _) = await new ClusterBackup(api.Client, ManifestSet.Render(ManifestsDirectory, "staging")).WriteAsync(_work.Path);

        Assert.Equal((14, 0), (objects, secrets));
    }

    [Fact]
    public async Task ShouldRestoreABackupIntoAnEmptyClusterAndRefuseItInAnotherEnvironment()
    {
        await using var source = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(source);
        await DeliveryTo(source, "staging", "abc1234").DeployAsync();
        var staging = Directory.CreateDirectory(Path.Combine(_work.Path, "staging")).FullName;
        await new ClusterBackup(source.Client, ManifestSet.Render(ManifestsDirectory, "staging")).WriteAsync(staging);
        var manifest = BackupArchive.Pack(staging, Path.Combine(_work.Path, "backup.tar.gz"), "staging", DateTimeOffset.UnixEpoch);
        await using var empty = await FakeApiServer.StartAsync();

        var restored = await new ClusterBackup(empty.Client, ManifestSet.Render(ManifestsDirectory, "staging")).RestoreAsync(staging, manifest, TimeSpan.FromSeconds(30));
        var refused = await Assert.ThrowsAsync<BuildException>(() => new ClusterBackup(empty.Client, ManifestSet.Render(ManifestsDirectory, "production")).RestoreAsync(staging, manifest, TimeSpan.FromSeconds(30)));

        Assert.Equal(14, restored);
        Assert.Equal(["alphapulse/collector:abc1234", "alphapulse/websocket-server:abc1234", "alphapulse/python-bindings:abc1234"], Images(LiveCell(empty, "alphapulse-staging")));
        Assert.Equal(14, empty.Applies.Count);
        Assert.StartsWith("a backup is restored into the environment it was taken from: this one is of staging, not production", refused.Message, StringComparison.Ordinal);
    }
}
