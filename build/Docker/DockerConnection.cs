using AlphaPulse.Build.Engine;
using Docker.DotNet;

namespace AlphaPulse.Build.Docker;

/// <summary>Opens a Docker.DotNet client on the engine <c>DOCKER_HOST</c> names and checks that it answers.</summary>
public static class DockerConnection
{
    // A vfs-backed legacy build copies every layer: minutes, not the client's 100 s default.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(30);

    public static DockerClient Open(DockerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = new DockerClientConfiguration(host.Endpoint, defaultTimeout: RequestTimeout).CreateClient();
        try
        {
            var version = client.System.GetVersionAsync().GetAwaiter().GetResult();
            Log.Information($"Docker engine {version.Version} (API {version.APIVersion}) on {host}");
            return client;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException or DockerApiException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            throw new BuildException($"no Docker engine answers on {host}: {exception.Message} (start one with `.ci/docker-engine.sh start` and export the DOCKER_HOST it prints)", exception);
        }
    }
}
