using AlphaPulse.Build.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Docker;

/// <summary>
/// Pushes tagged images to their registry with the given credentials (never logged: the build masks
/// secret parameters, and the credentials travel only in the API's auth header).
/// </summary>
public sealed class ImagePusher(DockerClient docker, string registry, string? username, string? password)
{
    public async Task PushAsync(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var colon = reference.LastIndexOf(':');
        var stream = new EngineProgress(line => Log.Information($"  push | {line}"));
        var auth = new AuthConfig { ServerAddress = registry.Split('/')[0], Username = username, Password = password };
        await docker.Images.PushImageAsync(reference[..colon], new ImagePushParameters { Tag = reference[(colon + 1)..] }, auth, stream).ConfigureAwait(false);
        if (stream.Error is { } error)
        {
            throw new BuildException($"push of {reference} failed: {error} (check --registry, --registry-username and the REGISTRY_PASSWORD secret)");
        }
    }
}
