using System.Diagnostics;
using AlphaPulse.Build.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Docker;

/// <summary>What one image build produced: the references it tagged, its size and how long it took.</summary>
public sealed record BuiltImage(ImageComponent Component, IReadOnlyList<string> References, long SizeBytes, TimeSpan Duration);

/// <summary>
/// Builds the component images on a Docker engine through its API: the build context is tarred here
/// (honouring <c>.dockerignore</c>), the engine's progress is streamed to the log, and an error in that
/// stream fails the build. Used by the ImageBuild target, one component after another.
/// </summary>
public sealed class ImageBuilder(DockerClient docker, AbsolutePath contextDirectory)
{
    /// <summary>The base image <c>.ci/docker-engine.sh</c> makes with debootstrap (no registry needed).</summary>
    public const string LocalBaseImage = "alphapulse/base:bookworm";

    /// <summary>
    /// Publishes the app self-contained and trimmed into its folder in the context, so the runtime image
    /// needs no .NET runtime of its own (the debootstrap base has none).
    /// </summary>
    public void Publish(ImageComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var output = contextDirectory / component.PublishDirectory;
        output.DeleteDirectory();
        ProcessTasks.Run("dotnet", ["publish", contextDirectory / component.Project, "-c", "Release", "-r", "linux-x64", "--self-contained", $"-p:PublishTrimmed={component.Trimmed}", "-o", output, "--nologo", "-v", "quiet"]);
    }

    public async Task<BuiltImage> BuildAsync(ImageComponent component, IReadOnlyList<string> references, ImageSource source, string? baseImage, string? sdkImage)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(references);
        var stopwatch = Stopwatch.StartNew();
        // Only this component's published app goes in, not its siblings'.
        var ignore = DockerIgnore.Load(contextDirectory, ["artifacts/publish", $"!{component.PublishDirectory}"]);
        await using var context = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var files = BuildContextArchive.Write(contextDirectory, ignore, component.Dockerfile, context);
        context.Position = 0;
        Log.Information($"{component.Name}: context of {files} files, {context.Length / 1024 / 1024.0:F1} MiB, app from {source.ToString().ToLowerInvariant()}");

        var stream = new EngineProgress(line => Log.Information($"  {component.Name} | {line}"));
        var parameters = new ImageBuildParameters
        {
            Dockerfile = component.Dockerfile,
            Tags = [.. references],
            BuildArgs = BuildArguments(source, baseImage, sdkImage),
            Remove = true,
            ForceRemove = true,
            // The engine has no bridge network (DESIGN.md): a step that installs Debian packages reaches the mirror through the host's.
            NetworkMode = "host",
        };
        await docker.Images.BuildImageFromDockerfileAsync(parameters, context, [], new Dictionary<string, string>(), stream).ConfigureAwait(false);
        if (stream.Error is { } error)
        {
            throw new BuildException($"image build of {component.Name} failed: {error} (the build log above shows the failing step of {component.Dockerfile})");
        }
        var image = await docker.Images.InspectImageAsync(references[0]).ConfigureAwait(false);
        return new BuiltImage(component, references, image.Size, stopwatch.Elapsed);
    }

    /// <summary>
    /// The Dockerfiles' build arguments. From the host, the build stage only copies files, so any image with
    /// a shell will do and the local base serves for both; from the SDK, unset arguments keep the
    /// Dockerfile's official-image defaults.
    /// </summary>
    public static Dictionary<string, string> BuildArguments(ImageSource source, string? baseImage, string? sdkImage)
    {
        var arguments = new Dictionary<string, string> { ["APP_SOURCE"] = source == ImageSource.Host ? "host" : "sdk" };
        var defaultImage = source == ImageSource.Host ? LocalBaseImage : null;
        if ((baseImage ?? defaultImage) is { } runtime)
        {
            arguments["BASE_IMAGE"] = runtime;
        }
        if ((sdkImage ?? defaultImage) is { } sdk)
        {
            arguments["SDK_IMAGE"] = sdk;
        }
        return arguments;
    }
}
