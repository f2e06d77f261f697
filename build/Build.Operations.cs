using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Docker;
using AlphaPulse.Build.Engine;

partial class Build
{
    [Parameter("Backup: folder the backup archives go to", Name = "backup-dir")]
    readonly string? BackupDirectory;

    [Parameter("RestoreBackup: the backup archive to restore: a file, or an object key with --s3-bucket (default: the newest in --backup-dir or the bucket)")]
    readonly string? BackupArchive;

    AbsolutePath Backups => BackupDirectory is { } folder ? AbsolutePath.Create(Path.GetFullPath(folder)) : ArtifactsDirectory / "backups";

    Target Smoke => _ => _
        .Description("Check the deployed --env: every /health within 1 s, ready, latency under the alert thresholds, a WebSocket client gets books of every exchange within 10 s and, on the simulator, holds exactly its books")
        .Requires(() => Env)
        .Executes(async () =>
        {
            IReadOnlyList<Check> checks = [.. IsKubernetesEnvironment ? await SmokeClusterAsync() : await SmokeLocalAsync(), .. await PrometheusChecksAsync()];
            var failed = checks.Count(check => !check.Passed);
            ReportSummary("checks", $"{checks.Count - failed} passed, {failed} failed");
            if (failed > 0)
            {
                throw new BuildException($"smoke test failed: {failed} of {checks.Count} checks ({string.Join(", ", checks.Where(check => !check.Passed).Select(check => check.Name))})");
            }
        });

    Target Backup => _ => _
        .Description("Back --env up as a tar.gz with a SHA-256 manifest in --backup-dir (and --s3-bucket): local rings (writers frozen), configuration and history; Kubernetes every object of the namespace, secret names only, rings")
        .Requires(() => Env)
        .Executes(async () =>
        {
            var archive = IsKubernetesEnvironment ? await BackupClusterAsync() : await BackupLocalAsync();
            if (S3Bucket is not null)
            {
                using var store = OpenS3Store(S3Bucket);
                ReportSummary("uploaded", await store.UploadAsync(archive));
            }
        });

    // `Restore` is NuGet's restore, as in every NUKE build: putting a backup back is RestoreBackup.
    Target RestoreBackup => _ => _
        .Description("Verify a backup (from --backup-dir or --s3-bucket) against its checksums (a damaged one is refused, naming the file), then put it back into --env")
        .Requires(() => Env)
        .Executes(async () =>
        {
            var download = Directory.CreateTempSubdirectory("alphapulse-download-");
            try
            {
                var archive = await BackupToRestoreAsync(download.FullName);
                if (IsKubernetesEnvironment)
                {
                    await RestoreClusterAsync(archive);
                    return;
                }
                using var local = OpenLocalEnvironment();
                var result = await new LocalBackup(local.Containers, local.Environment, LocalPaths).RestoreAsync(archive);
                ReportSummary("restored", result is null ? Path.GetFileName(archive) : $"{Path.GetFileName(archive)}, revision {result.Entry.Revision} live");
            }
            finally
            {
                download.Delete(recursive: true);
            }
        });

    async Task<string> BackupLocalAsync()
    {
        using var local = OpenLocalEnvironment();
        var (archive, manifest, frozen) = await new LocalBackup(local.Containers, local.Environment, LocalPaths).BackupAsync(Backups);
        Log.Information($"{archive}: {manifest.Files.Count} files, {new FileInfo(archive).Length / 1024} KiB");
        ReportSummary("archive", $"{Path.GetFileName(archive)}, writers frozen {frozen.TotalMilliseconds:F0} ms");
        return archive;
    }

    /// <summary>The archive to restore: --backup-archive, else the newest in --s3-bucket (downloaded and checked) or in --backup-dir.</summary>
    async Task<string> BackupToRestoreAsync(string downloadFolder)
    {
        if (S3Bucket is not null)
        {
            using var store = OpenS3Store(S3Bucket);
            var key = BackupArchive ?? await store.NewestAsync();
            Log.Information($"Downloading s3://{S3Bucket}/{key} and checking its SHA-256");
            return await store.DownloadVerifiedAsync(key, downloadFolder);
        }
        return BackupArchive ?? Directory.EnumerateFiles(Backups, "*.tar.gz").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new BuildException($"no backup to restore: {Backups} holds no *.tar.gz (pass --backup-archive, or run Backup first)");
    }

    AbsolutePath DeliveryReport => ArtifactsDirectory / "bench" / "delivery.json";

    Target DeliveryTest => _ => _
        .Description("End to end on the Docker engine: Deploy A, upgrade to B under a subscribed client, Smoke, broken C rolls itself back, Rollback, Backup/RestoreBackup; figures and gates in artifacts/bench/delivery.json")
        .DependsOn(ImageBuild)
        .Produces(DeliveryReport)
        .Executes(async () =>
        {
            using var local = LocalSession.Open(LocalPaths, ValidationThresholds.Load(RootDirectory));
            using var docker = DockerConnection.Open(DockerHost.FromEnvironment());
            if (WebSocketTokens is not null)
            {
                DeliverySecrets.WriteTokensFile(WebSocketTokens, LocalPaths.TokensFile);
            }
            var report = await new DeliveryEndToEnd(docker, local, LocalPaths, Tag, FirstToken(WebSocketTokens)).RunAsync(Backups);
            report.Write(DeliveryReport);
            var failed = report.Gates.Where(gate => !gate.Pass).ToList();
            report.Gates.ToList().ForEach(gate => Log.Information($"{(gate.Pass ? "pass" : "FAIL")}  {BenchReport.Describe(gate)}"));
            ReportSummary("delivery", $"{report.Gates.Count - failed.Count} of {report.Gates.Count} gates passed");
            if (failed.Count > 0)
            {
                throw new BuildException($"delivery gates failed: {string.Join("; ", failed.Select(BenchReport.Describe))} (details above and in {DeliveryReport})");
            }
        });

    async Task<IReadOnlyList<Check>> SmokeLocalAsync()
    {
        using var local = OpenLocalEnvironment();
        var checks = await new SmokeTest(local.Containers, local.Probe, local.Thresholds).RunAsync(FirstToken(WebSocketTokens));
        checks.ToList().ForEach(check => Log.Information(check.ToString()));
        return checks;
    }

    static string? FirstToken(string? tokens) => tokens?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
