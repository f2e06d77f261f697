using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The local environment's containers on the Docker engine: listed by their labels, created on the host
/// network with the shared-memory folder mounted, stopped with SIGTERM and the services' grace period.
/// </summary>
public sealed class LocalContainers(DockerClient docker, LocalEnvironmentPaths paths)
{
    private const string EnvironmentLabel = "alphapulse.environment";
    private const string RoleLabel = "alphapulse.role";
    private const string FingerprintLabel = "alphapulse.fingerprint";
    private const string SlotLabel = "alphapulse.slot";
    private const string HealthPortLabel = "alphapulse.health-port";
    private const string RevisionLabel = "alphapulse.revision";

    // The WebSocket server drains its clients within SHUTDOWN_GRACE_SECONDS (20 s) before it exits.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<RunningContainer>> ListAsync()
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

    /// <summary>Creates and starts the container of <paramref name="spec"/> in <paramref name="slot"/>; a leftover of the same name is removed first.</summary>
    public async Task<RunningContainer> StartAsync(ContainerSpec spec, int slot, int revision)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = spec.ContainerName(slot);
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
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()).ConfigureAwait(false);
        return new RunningContainer(created.ID, name, spec.Role, spec.Fingerprint, slot, spec.HealthPortIn(slot), spec.Image, Running: true);
    }

    public async Task StopAndRemoveAsync(RunningContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        await docker.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)StopTimeout.TotalSeconds }).ConfigureAwait(false);
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
