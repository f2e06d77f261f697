using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Delivery;

/// <summary>How the local environment is configured apart from its images (kept beside the deploy history).</summary>
public sealed record LocalEnvironmentConfiguration(FeedSource Feed, int SimulatorRate, bool WebSocketAuthentication)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static LocalEnvironmentConfiguration? Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<LocalEnvironmentConfiguration>(File.ReadAllText(file), Json) : null;

    public void Save(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(this, Json));
    }
}

/// <summary>What a deploy took: its history entry, the rollout and the validation.</summary>
public sealed record DeployResult(DeployEntry Entry, TimeSpan Duration, TimeSpan SlowestHealth);

/// <summary>
/// Deploy and Rollback on the local engine: record the attempt in the deploy history, roll out one role
/// at a time, validate against the thresholds, and when that fails roll back to the revision that was
/// live and fail saying why.
/// </summary>
public sealed class LocalEnvironment(LocalContainers containers, HealthProbe probe, ValidationThresholds thresholds, LocalEnvironmentPaths paths)
{

    private readonly LocalRollout _rollout = new(containers, probe, thresholds);
    private readonly DeploymentValidator _validator = new(probe, thresholds);

    public async Task<DeployResult> DeployAsync(IReadOnlyDictionary<string, string> images, LocalEnvironmentConfiguration configuration, DeployKind kind, int? rollbackOf = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PrepareSharedMemory();
        MigrateQueuedConnections();
        var history = DeployHistory.Load(paths.HistoryFile);
        var live = history.Live;
        var liveConfiguration = LocalEnvironmentConfiguration.Load(paths.ConfigurationFile) ?? configuration;
        var entry = history.Begin(kind, DeployUser(), DateTimeOffset.UtcNow, images, rollbackOf);
        history.Save(paths.HistoryFile);
        var stopwatch = Stopwatch.StartNew();

        var failure = await _rollout.RunAsync(LocalTopology.Create(images, configuration.Feed, configuration.SimulatorRate, configuration.WebSocketAuthentication), entry.Revision).ConfigureAwait(false)
            ?? await ValidateAsync().ConfigureAwait(false);
        await _rollout.RemovedAsync().ConfigureAwait(false);
        if (failure is null)
        {
            configuration.Save(paths.ConfigurationFile);
            entry = history.Complete(entry.Revision, DeployOutcome.Succeeded, stopwatch.Elapsed);
            history.Save(paths.HistoryFile);
            Log.Information($"Revision {entry.Revision} is live ({string.Join(", ", images.Values)}) after {stopwatch.Elapsed.TotalSeconds:F1} s");
            return new DeployResult(entry, stopwatch.Elapsed, _validator.SlowestHealth);
        }

        Log.Error($"revision {entry.Revision} failed: {failure}");
        if (live is null)
        {
            history.Complete(entry.Revision, DeployOutcome.Failed, stopwatch.Elapsed, failure);
            history.Save(paths.HistoryFile);
            throw new BuildException($"{kind} of revision {entry.Revision} failed and nothing was live before it to roll back to: {failure}");
        }
        Log.Information($"Rolling back automatically to revision {live.Revision} ({string.Join(", ", live.Images.Values)})");
        var rollbackFailure = await _rollout.RunAsync(LocalTopology.Create(live.Images, liveConfiguration.Feed, liveConfiguration.SimulatorRate, liveConfiguration.WebSocketAuthentication), entry.Revision).ConfigureAwait(false)
            ?? await ValidateAsync().ConfigureAwait(false);
        await _rollout.RemovedAsync().ConfigureAwait(false);
        var outcome = rollbackFailure is null ? DeployOutcome.RolledBack : DeployOutcome.Failed;
        var reason = rollbackFailure is null ? $"{failure}; rolled back to revision {live.Revision}" : $"{failure}; the rollback to revision {live.Revision} failed too: {rollbackFailure}";
        history.Complete(entry.Revision, outcome, stopwatch.Elapsed, reason);
        history.Save(paths.HistoryFile);
        throw new BuildException($"{kind} of revision {entry.Revision} failed validation and was rolled back: {reason} (after {stopwatch.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>Runs the checks until they pass (services settle after a replacement) or the attempts run out; returns the failures.</summary>
    public async Task<string?> ValidateAsync()
    {
        var watch = Stopwatch.StartNew();
        var checks = await SettledChecks.RunAsync(async () => await _validator.ValidateAsync(await containers.ListAsync().ConfigureAwait(false)).ConfigureAwait(false), "validation").ConfigureAwait(false);
        if (checks.All(check => check.Passed))
        {
            Log.Information($"Validation passed in {watch.Elapsed.TotalSeconds:F1} s: {checks.Count} checks, slowest /health {_validator.SlowestHealth.TotalMilliseconds:F0} ms");
            return null;
        }
        return "validation failed: " + string.Join("; ", checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}"));
    }

    /// <summary>The rings' folder on the host, owned by the containers' user so they can create ring files.</summary>
    private void PrepareSharedMemory()
    {
        Directory.CreateDirectory(paths.SharedMemoryDirectory);
        ProcessTasks.Run("chown", [$"{LocalEnvironmentPaths.ContainerUser}:{LocalEnvironmentPaths.ContainerUser}", paths.SharedMemoryDirectory], logOutput: false);
    }

    /// <summary>
    /// Two server instances share 8765 through <c>SO_REUSEPORT</c>; when the old one closes its listener, the
    /// connections the kernel had queued on it but the server had not accepted yet are reset, unless the kernel
    /// hands them to another listener of the group: <c>net.ipv4.tcp_migrate_req</c> (Linux 5.14,
    /// Documentation/networking/ip-sysctl.rst). The containers share the host's network namespace, so it is the
    /// host's setting; Deploy turns it on when it may (as root).
    /// </summary>
    private static void MigrateQueuedConnections()
    {
        const string Setting = "/proc/sys/net/ipv4/tcp_migrate_req";
        if (!File.Exists(Setting))
        {
            Log.Warning($"{Setting} does not exist (Linux before 5.14): a connection queued on the old WebSocket server's listener as it closes can be reset during an upgrade (clients reconnect)");
            return;
        }
        if (File.ReadAllText(Setting).Trim() == "1")
        {
            return;
        }
        try
        {
            File.WriteAllText(Setting, "1");
            Log.Information("net.ipv4.tcp_migrate_req = 1: connections queued on a closing listener move to the other server instead of being reset");
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            Log.Warning($"could not set net.ipv4.tcp_migrate_req = 1 ({exception.Message}; run Deploy as root or `sysctl -w net.ipv4.tcp_migrate_req=1`): a connection queued on the old WebSocket server's listener as it closes can be reset during an upgrade (clients reconnect)");
        }
    }

    private static string DeployUser() =>
        Environment.GetEnvironmentVariable("GITHUB_ACTOR") is { Length: > 0 } actor ? actor : Environment.UserName;
}
