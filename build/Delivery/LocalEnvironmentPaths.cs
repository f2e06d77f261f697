using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Where the local environment keeps its state on the host: the deploy history and configuration under
/// <c>artifacts/deploy/local/</c>, the rings in the shared-memory folder every container mounts.
/// </summary>
public sealed record LocalEnvironmentPaths(AbsolutePath StateDirectory, string SharedMemoryDirectory)
{
    public const string SharedMemoryInContainer = "/dev/shm/alphapulse";
    public const string TokensFileInContainer = "/run/secrets/alphapulse/websocket-tokens";

    /// <summary>The uid and gid the images run as (deploy/docker): they own the mounted folders.</summary>
    public const int ContainerUser = 1000;

    public AbsolutePath HistoryFile => StateDirectory / "history.json";

    public AbsolutePath ConfigurationFile => StateDirectory / "environment.json";

    public AbsolutePath SecretsDirectory => StateDirectory / "secrets";

    public AbsolutePath TokensFile => SecretsDirectory / "websocket-tokens";
}
