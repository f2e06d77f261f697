using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Docker;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The delivery path end to end on the real engine, from images ImageBuild made under tag A: Deploy A;
/// Deploy B while a WebSocket client stays subscribed and a probe keeps opening connections; Smoke; Deploy
/// a broken C whose WebSocket server cannot start, which must roll itself back; Rollback to A; Backup, stop
/// everything, RestoreBackup, and the rings come back byte for byte. Writes the figures to
/// <c>artifacts/bench/delivery.json</c> with the seed's targets as gates.
/// </summary>
public sealed class DeliveryEndToEnd(DockerClient docker, LocalSession local, LocalEnvironmentPaths paths, string tagA, string? token)
{
    private readonly Dictionary<string, double> _metrics = [];
    private readonly List<Check> _checks = [];

    public async Task<BenchReport> RunAsync(string backupDirectory)
    {
        await ResetAsync().ConfigureAwait(false);
        var tagB = $"{tagA}-b";
        var tagC = $"{tagA}-c-broken";
        await TagAllAsync(tagA, tagB).ConfigureAwait(false);
        await TagAllAsync(tagA, tagC).ConfigureAwait(false);
        await BuildBrokenServerAsync(tagA, tagC).ConfigureAwait(false);
        var configuration = new LocalEnvironmentConfiguration(FeedSource.Simulator, 2_000, token is not null);

        Step("Deploy version A");
        var deployA = await local.Environment.DeployAsync(LocalTopology.ImagesFor(tagA, null), configuration, DeployKind.Deploy).ConfigureAwait(false);
        _metrics["deploy_a_seconds"] = deployA.Duration.TotalSeconds;
        await SmokeAsync("after A").ConfigureAwait(false);

        Step("Deploy version B with a subscribed client and a connection probe");
        DeployResult deployB;
        await using (var watcher = new MarketDataWatcher(LocalServices.WebSocketPort, token))
        await using (var probe = new EndpointProbe(LocalServices.WebSocketPort, token))
        {
            watcher.Start();
            await WaitAsync(() => LocalServices.Exchanges.All(exchange => watcher.HasBooks(exchange.Exchange)), WebSocketBooksCheck.Deadline, "the subscribed client's first books").ConfigureAwait(false);
            probe.Start();
            deployB = await local.Environment.DeployAsync(LocalTopology.ImagesFor(tagB, null), configuration, DeployKind.Deploy).ConfigureAwait(false);
            _metrics["deploy_b_seconds"] = deployB.Duration.TotalSeconds;
            _metrics["upgrade_client_drops"] = watcher.Drops;
            _metrics["upgrade_client_longest_reconnect_ms"] = watcher.LongestReconnect.TotalMilliseconds;
            _metrics["upgrade_client_unrecovered_gaps"] = watcher.UnrecoveredGaps;
            _metrics["upgrade_probe_connections"] = probe.Attempts;
            _metrics["upgrade_probe_refused"] = probe.Refused;
            Log.Information($"Upgrade: deploy {deployB.Duration.TotalSeconds:F1} s, client drops {watcher.Drops}, longest reconnect {watcher.LongestReconnect.TotalMilliseconds:F0} ms, seq gaps {watcher.UnrecoveredGaps}, probe {probe.Refused} of {probe.Attempts} connections refused");
            probe.Failures.ToList().ForEach(failure => Log.Information($"  probe connection failed at {failure}"));
            _checks.Add(new Check("client kept its books through the upgrade", watcher.UnrecoveredGaps == 0, $"{watcher.Drops} reconnects (longest {watcher.LongestReconnect.TotalMilliseconds:F0} ms), {watcher.UnrecoveredGaps} seq gaps without a snapshot"));
        }
        await SmokeAsync("after B").ConfigureAwait(false);

        Step("Deploy broken version C: its WebSocket server cannot start");
        var rollbackWatch = Stopwatch.StartNew();
        var failure = await CaptureFailureAsync(() => local.Environment.DeployAsync(LocalTopology.ImagesFor(tagC, null), configuration, DeployKind.Deploy)).ConfigureAwait(false);
        _metrics["automatic_rollback_seconds"] = rollbackWatch.Elapsed.TotalSeconds;
        var history = DeployHistory.Load(paths.HistoryFile);
        _checks.Add(new Check("broken C rolled itself back to B", failure is not null && history.Entries[^1].Outcome == DeployOutcome.RolledBack && history.Live!.Revision == deployB.Entry.Revision,
            failure is null ? "Deploy of C succeeded" : $"Deploy failed: {Shorten(failure)}; live revision {history.Live?.Revision}"));
        await SmokeAsync("after C").ConfigureAwait(false);

        Step("Rollback to A");
        var target = history.RollbackTarget(deployA.Entry.Revision);
        var rollback = await local.Environment.DeployAsync(target.Images, configuration, DeployKind.Rollback, target.Revision).ConfigureAwait(false);
        _metrics["rollback_seconds"] = rollback.Duration.TotalSeconds;
        await SmokeAsync("after the rollback").ConfigureAwait(false);

        Step("Backup, stop everything, RestoreBackup");
        var backup = new LocalBackup(local.Containers, local.Environment, paths);
        var (archive, manifest, frozen) = await backup.BackupAsync(backupDirectory).ConfigureAwait(false);
        _metrics["backup_writers_frozen_ms"] = frozen.TotalMilliseconds;
        await local.Containers.StopAndRemoveAllAsync().ConfigureAwait(false);
        var restoreWatch = Stopwatch.StartNew();
        var restored = await backup.RestoreAsync(archive).ConfigureAwait(false);
        _metrics["restore_seconds"] = restoreWatch.Elapsed.TotalSeconds;
        _checks.Add(new Check("restore started the backed-up revision", restored?.Entry.Images.SequenceEqual(target.Images) == true, $"{manifest.Files.Count} files restored from {Path.GetFileName(archive)}"));
        await SmokeAsync("after the restore").ConfigureAwait(false);

        _metrics["health_max_ms"] = Math.Max(deployA.SlowestHealth.TotalMilliseconds, Math.Max(deployB.SlowestHealth.TotalMilliseconds, rollback.SlowestHealth.TotalMilliseconds));
        _metrics["checks_failed"] = _checks.Count(check => !check.Passed);
        foreach (var check in _checks)
        {
            Log.Information(check.ToString());
        }
        return new BenchReport("delivery", Environment.MachineName, _metrics, Gates());
    }

    private List<BenchGate> Gates() =>
    [
        Gate("deploy_b_seconds", 300, "s"),
        Gate("rollback_seconds", 120, "s"),
        Gate("automatic_rollback_seconds", 300, "s"),
        Gate("health_max_ms", 1000, "ms"),
        Gate("upgrade_probe_refused", 1, ""),
        Gate("checks_failed", 1, ""),
    ];

    private BenchGate Gate(string metric, double threshold, string unit) => new(metric, _metrics[metric], threshold, unit, _metrics[metric] < threshold);

    private async Task SmokeAsync(string when)
    {
        var checks = await new SmokeTest(local.Containers, local.Probe, local.Thresholds).RunAsync(token).ConfigureAwait(false);
        var failed = checks.Where(check => !check.Passed).ToList();
        _checks.Add(new Check($"smoke {when}", failed.Count == 0, failed.Count == 0 ? $"{checks.Count} checks passed" : string.Join("; ", failed.Select(check => $"{check.Name}: {check.Detail}"))));
    }

    /// <summary>A fresh environment: no containers, no history, empty rings.</summary>
    private async Task ResetAsync()
    {
        await local.Containers.StopAndRemoveAllAsync().ConfigureAwait(false);
        // On a fresh checkout the state folder does not exist yet (File.Delete throws for a missing folder).
        foreach (var file in new[] { paths.HistoryFile, paths.ConfigurationFile }.Where(file => File.Exists(file)))
        {
            File.Delete(file);
        }
        if (Directory.Exists(paths.SharedMemoryDirectory))
        {
            Directory.Delete(paths.SharedMemoryDirectory, recursive: true);
        }
    }

    private async Task TagAllAsync(string from, string to)
    {
        foreach (var component in ImageComponent.All)
        {
            await docker.Images.TagImageAsync(component.Reference(null, from), new ImageTagParameters { RepositoryName = component.Repository(null), Tag = to, Force = true }).ConfigureAwait(false);
        }
    }

    /// <summary>Version C's server refuses its settings and exits: its readiness never comes.</summary>
    private async Task BuildBrokenServerAsync(string from, string tag)
    {
        var component = ImageComponent.Named("websocket-server");
        using var context = new MemoryStream();
        using (var writer = new TarWriter(context, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes($"FROM {component.Reference(null, from)}\nENV SLOW_CONSUMER_POLICY=broken-on-purpose\n")) };
            writer.WriteEntry(entry);
        }
        context.Position = 0;
        var progress = new EngineProgress(line => Log.Information($"  broken | {line}"));
        await docker.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [component.Reference(null, tag)], Dockerfile = "Dockerfile", Remove = true }, context, [], new Dictionary<string, string>(), progress).ConfigureAwait(false);
        if (progress.Error is { } error)
        {
            throw new BuildException($"building the broken version C failed: {error}");
        }
    }

    private static async Task<string?> CaptureFailureAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return null;
        }
        catch (BuildException exception)
        {
            return exception.Message;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > deadline)
            {
                throw new BuildException($"gave up waiting for {what} after {deadline.TotalSeconds:F0} s");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static void Step(string title) => Log.Information($"\n--- {title}");

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
