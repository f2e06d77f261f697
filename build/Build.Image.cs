using AlphaPulse.Build.Docker;
using AlphaPulse.Build.Engine;

partial class Build
{
    [Parameter("ImageBuild/Push/Deploy: image tag (default: the commit's short SHA)")]
    readonly string? ImageTag;

    [Parameter("ImageBuild/Push/Deploy: registry the image names live under, e.g. ghcr.io/acme (default: none, local images alphapulse/<component>)")]
    readonly string? Registry;

    [Parameter("Push: registry user name")]
    readonly string? RegistryUsername;

    [Parameter("Push: registry password or token (also REGISTRY_PASSWORD)"), Secret]
    readonly string? RegistryPassword;

    [Parameter("ImageBuild: where the images take the app from: host (published here, no registry needed) or sdk (the Dockerfile's SDK stage)")]
    readonly ImageSource ImageSource = ImageSource.Host;

    [Parameter("ImageBuild: runtime base image (default: alphapulse/base:bookworm from host, the official runtime-deps image from sdk)")]
    readonly string? BaseImage;

    [Parameter("ImageBuild: build-stage image (default: alphapulse/base:bookworm from host, the official .NET SDK image from sdk)")]
    readonly string? SdkImage;

    AbsolutePath ImagesReport => ArtifactsDirectory / "images" / "images.json";

    string Tag => ImageTag ?? GitRevision.ShortSha(RootDirectory);

    Target ImageBuild => _ => _
        .Description("Build the collector, websocket-server, simulator and python-bindings (analytics service) images on the Docker engine DOCKER_HOST names; tags alphapulse/<component>:<tag> and :latest")
        .Produces(ImagesReport)
        .Executes(async () =>
        {
            using var docker = DockerConnection.Open(DockerHost.FromEnvironment());
            var builder = new ImageBuilder(docker, RootDirectory);
            var built = new List<BuiltImage>();
            foreach (var component in ImageComponent.All)
            {
                if (ImageSource == ImageSource.Host)
                {
                    builder.Publish(component);
                }
                var image = await builder.BuildAsync(component, [component.Reference(Registry, Tag), component.Reference(Registry, "latest")], ImageSource, BaseImage, SdkImage);
                Log.Information($"{component.Name}: {string.Join(", ", image.References)}  {image.SizeBytes / 1e6:F0} MB in {image.Duration.TotalSeconds:F0} s");
                built.Add(image);
            }
            ImageReport.Write(ImagesReport, Tag, built);
            ReportSummary("images", string.Join(", ", built.Select(image => $"{image.Component.Name} {image.SizeBytes / 1e6:F0} MB")));
        });

    Target Push => _ => _
        .Description("Push the images ImageBuild tagged to --registry (credentials: --registry-username, REGISTRY_PASSWORD)")
        .DependsOn(ImageBuild)
        .Requires(() => Registry)
        .Executes(async () =>
        {
            using var docker = DockerConnection.Open(DockerHost.FromEnvironment());
            var pusher = new ImagePusher(docker, Registry!, RegistryUsername, RegistryPassword);
            foreach (var reference in ImageComponent.All.SelectMany(component => new[] { component.Reference(Registry, Tag), component.Reference(Registry, "latest") }))
            {
                await pusher.PushAsync(reference);
            }
        });
}
