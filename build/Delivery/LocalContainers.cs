using System.Globalization;
using AlphaPulse.Build.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The local environment's containers on the Docker engine: listed by their labels, created on the host
/// network with the shared-memory folder mounted, stopped with SIGTERM and the services' grace period.
/// On the vfs driver creating a container copies its image and removing one deletes that copy (seconds
/// each under disk load), so a rollout does both off its path: a new container is created under a staging
/// name while its predecessor still runs, and a replaced one is retired — renamed out of the environment at
/// once, which frees its name — and removed later. Staged and retired containers are no part of the environment.
/// </summary>
public sealed class LocalContainers(DockerClient docker, LocalEnvironmentPaths paths)
{
    private const string EnvironmentLabel = "alphapulse.environment";
    private const string RoleLabel = "alphapulse.role";
    private const string FingerprintLabel = "alphapulse.fingerprint";
    private const string SlotLabel = "alphapulse.slot";
    private const string HealthPortLabel = "alphapulse.health-port";
    private const string RevisionLabel = "alphapulse.revision";
    private const string RetiredMarker = "-retired-";
    private const string StagedSuffix = "-staged";

    // The WebSocket server drains its clients within SHUTDOWN_GRACE_SECONDS (20 s) before it exits.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The environment's containers, running or not; retired ones (awaiting removal) and staged ones (not yet started) are not part of it.</summary>
    public async Task<IReadOnlyList<RunningContainer>> ListAsync() =>
        [.. (await ListAllAsync().ConfigureAwait(false)).Where(container => !IsOutside(container))];

    /// <summary>Retired and staged containers a rollout left behind (one interrupted before its removals finished).</summary>
    public async Task<IReadOnlyList<RunningContainer>> ListLeftoversAsync() =>
        [.. (await ListAllAsync().ConfigureAwait(false)).Where(IsOutside)];

    private static bool IsOutside(RunningContainer container) =>
        container.Name.Contains(RetiredMarker, StringComparison.Ordinal) || container.Name.EndsWith(StagedSuffix, StringComparison.Ordinal);

    private async Task<IReadOnlyList<RunningContainer>> ListAllAsync()
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{EnvironmentLabel}=local"] = true } },
        }).ConfigureAwait(false);
        return [.. containers.Select(container => new RunningContainer(
            container.ID,
            container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID,
            container.Labels[RoleLabel],
            container.Labels[FingerprintLabel],
            int.Parse(container.Labels[SlotLabel], CultureInfo.InvariantCulture),
            int.Parse(container.Labels[HealthPortLabel], CultureInfo.InvariantCulture),
            container.Image,
            container.State == "running"))];
    }

    /// <summary>
    /// Creates the container of <paramref name="spec"/> in <paramref name="slot"/>, not started, under a staging
    /// name: outside the environment until <see cref="StartAsync"/> gives it its own, so it can be made while the
    /// container it replaces still runs under that name. A leftover of the staging name is removed first.
    /// </summary>
    public async Task<RunningContainer> CreateAsync(ContainerSpec spec, int slot, int revision)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.ContainerName(slot) + StagedSuffix;
        await RemoveIfPresentAsync(name).ConfigureAwait(false);
        var binds = new List<string> { $"{paths.SharedMemoryDirectory}:{LocalEnvironmentPaths.SharedMemoryInContainer}" };
        if (spec.Environment.ContainsKey("AUTH_TOKENS_FILE"))
        {
            binds.Add($"{paths.TokensFile}:{LocalEnvironmentPaths.TokensFileInContainer}:ro");
        }
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            Env = [.. spec.EnvironmentIn(slot).Select(pair => $"{pair.Key}={pair.Value}")],
            Labels = new Dictionary<string, string>
            {
                [EnvironmentLabel] = "local",
                [RoleLabel] = spec.Role,
                [FingerprintLabel] = spec.Fingerprint,
                [SlotLabel] = slot.ToString(CultureInfo.InvariantCulture),
                [HealthPortLabel] = spec.HealthPortIn(slot).ToString(CultureInfo.InvariantCulture),
                [RevisionLabel] = revision.ToString(CultureInfo.InvariantCulture),
            },
            StopTimeout = StopTimeout,
            HostConfig = new HostConfig { NetworkMode = "host", Binds = binds, Init = true },
        }).ConfigureAwait(false);
        return new RunningContainer(created.ID, name, spec.Role, spec.Fingerprint, slot, spec.HealthPortIn(slot), spec.Image, Running: false);
    }

    /// <summary>Gives a container <see cref="CreateAsync"/> made its own name (which must be free by now: its predecessor retired) and starts it.</summary>
    public async Task<RunningContainer> StartAsync(RunningContainer staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        var container = staged with { Name = staged.Name[..^StagedSuffix.Length] };
        await docker.Containers.RenameContainerAsync(staged.Id, new ContainerRenameParameters { NewName = container.Name }, CancellationToken.None).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(container.Id, new ContainerStartParameters()).ConfigureAwait(false);
        return container with { Running = true };
    }

    /// <summary>
    /// Stops every container of the environment at once (SIGTERM, the grace period) and removes it, a rollout's
    /// leftovers included: when it returns, nothing of the environment runs or writes the rings.
    /// </summary>
    public async Task StopAndRemoveAllAsync()
    {
        var all = await ListAllAsync().ConfigureAwait(false);
        Log.Information($"  stopping and removing {(all.Count == 0 ? "nothing" : string.Join(", ", all.Select(container => container.Name)))}");
        await Task.WhenAll(all.Select(StopAndRemoveAsync)).ConfigureAwait(false);
    }

    private async Task StopAndRemoveAsync(RunningContainer container)
    {
        await StopAsync(container).ConfigureAwait(false);
        await RemoveAsync(container).ConfigureAwait(false);
    }

    /// <summary>SIGTERM, then waits until it exits (SIGKILL after the grace period).</summary>
    public async Task StopAsync(RunningContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        await docker.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)StopTimeout.TotalSeconds }).ConfigureAwait(false);
    }

    /// <summary>Renames the container out of the environment (it may still run): <see cref="ListAsync"/> no longer shows it and its name is free.</summary>
    public async Task<RunningContainer> RetireAsync(RunningContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var retired = container with { Name = $"{container.Name}{RetiredMarker}{container.Id[..Math.Min(12, container.Id.Length)]}" };
        await docker.Containers.RenameContainerAsync(container.Id, new ContainerRenameParameters { NewName = retired.Name }, CancellationToken.None).ConfigureAwait(false);
        return retired;
    }

    /// <summary>Removes the container (killing it if it still runs).</summary>
    public async Task RemoveAsync(RunningContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        await docker.Containers.RemoveContainerAsync(container.Id, new ContainerRemoveParameters { Force = true }).ConfigureAwait(false);
    }

    /// <summary>Freezes the container's processes (cgroup freezer) until <see cref="UnpauseAsync"/>.</summary>
    public Task PauseAsync(string id) => docker.Containers.PauseContainerAsync(id);

    public Task UnpauseAsync(string id) => docker.Containers.UnpauseContainerAsync(id);

    /// <summary>Null while the container runs; otherwise how it ended and the last lines it printed.</summary>
    public async Task<string?> ExitedAsync(string id)
    {
        var state = (await docker.Containers.InspectContainerAsync(id).ConfigureAwait(false)).State;
        if (state.Running)
        {
            return null;
        }
        return $"it exited with code {state.ExitCode}; its log ends:\n{await LogTailAsync(id).ConfigureAwait(false)}";
    }

    public async Task<string> LogTailAsync(string id, int lines = 15)
    {
        using var stream = await docker.Containers.GetContainerLogsAsync(id, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString(CultureInfo.InvariantCulture) }, CancellationToken.None).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None).ConfigureAwait(false);
        return string.Join('\n', (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(line => "    " + line));
    }

    private async Task RemoveIfPresentAsync(string name)
    {
        var existing = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"^/{name}$"] = true } },
        }).ConfigureAwait(false);
        foreach (var container in existing)
        {
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }).ConfigureAwait(false);
        }
    }
}
