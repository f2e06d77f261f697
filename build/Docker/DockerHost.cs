using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Docker;

/// <summary>
/// Where the Docker engine listens, from <c>DOCKER_HOST</c> as the docker CLI reads it (Docker.DotNet does
/// not read it): <c>unix:///path</c> or <c>tcp://host:port</c>; unset means the default Unix socket.
/// </summary>
public sealed record DockerHost(Uri Endpoint)
{
    public const string EnvironmentVariable = "DOCKER_HOST";
    public const string DefaultSocket = "unix:///var/run/docker.sock";

    public bool IsUnixSocket => Endpoint.Scheme == "unix";

    /// <summary>Parses a <c>DOCKER_HOST</c> value; null or empty gives the default socket.</summary>
    public static DockerHost Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultSocket : value.Trim();
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = text["unix://".Length..];
            return path.StartsWith('/') && path.Length > 1
                ? new DockerHost(new Uri("unix://" + path))
                : throw Invalid(text, "a unix socket needs an absolute path");
        }
        if (text.StartsWith("tcp://", StringComparison.Ordinal))
        {
            // Docker's own default port for plain tcp:// is 2375.
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.AbsolutePath.Trim('/').Length > 0)
            {
                throw Invalid(text, "a tcp endpoint is host:port");
            }
            return new DockerHost(new Uri($"http://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 2375 : uri.Port)}"));
        }
        throw Invalid(text, "the scheme must be unix:// or tcp://");
    }

    /// <summary>The engine of this process's environment.</summary>
    public static DockerHost FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public override string ToString() => IsUnixSocket ? $"unix://{Endpoint.AbsolutePath}" : $"tcp://{Endpoint.Authority}";

    private static BuildException Invalid(string value, string rule) =>
        new($"DOCKER_HOST must be unix:///path/to/socket or tcp://host:port ({rule}): DOCKER_HOST='{value}' (set it as for the docker CLI, e.g. unix:///run/alphapulse-docker.sock from .ci/docker-engine.sh start)");
}
