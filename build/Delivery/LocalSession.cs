using AlphaPulse.Build.Docker;
using Docker.DotNet;

namespace AlphaPulse.Build.Delivery;

/// <summary>A target's connection to the local environment: the engine client, the probe and the helpers on them.</summary>
public sealed class LocalSession : IDisposable
{
    private readonly DockerClient _docker;

    private LocalSession(DockerClient docker, LocalEnvironmentPaths paths, ValidationThresholds thresholds)
    {
        _docker = docker;
        Containers = new LocalContainers(docker, paths);
        Probe = new HealthProbe();
        Thresholds = thresholds;
        Environment = new LocalEnvironment(Containers, Probe, thresholds, paths);
    }

    public LocalContainers Containers { get; }

    public HealthProbe Probe { get; }

    public ValidationThresholds Thresholds { get; }

    public LocalEnvironment Environment { get; }

    public static LocalSession Open(LocalEnvironmentPaths paths, ValidationThresholds thresholds) =>
        new(DockerConnection.Open(DockerHost.FromEnvironment()), paths, thresholds);

    public void Dispose()
    {
        Probe.Dispose();
        _docker.Dispose();
    }
}
