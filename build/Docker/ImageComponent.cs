namespace AlphaPulse.Build.Docker;

/// <summary>
/// A service that ships as an image: its name (<c>alphapulse/&lt;name&gt;</c>), the project it publishes and
/// the Dockerfile under <c>deploy/docker/</c> that packages it. <paramref name="Trimmed"/>: published with
/// the IL trimmer. The simulator serialises its truth and venue documents by reflection (IL2026 at publish);
/// the trimmed WebSocket server publishes cleanly but dies in Kestrel's start-up with a TypeLoadException
/// (X509Certificate2Collection.GetEnumerator trimmed away), so both ship untrimmed. <c>python-bindings</c> (the
/// seed's name; the analytics service) publishes the bindings' NativeAOT library, which its Dockerfile puts beside
/// the Python package.
/// </summary>
public sealed record ImageComponent(string Name, string Project, bool Trimmed = true)
{
    public static readonly IReadOnlyList<ImageComponent> All =
    [
        new("collector", "source/AlphaPulse.Collector/AlphaPulse.Collector.csproj"),
        new("websocket-server", "source/AlphaPulse.WebSocketServer/AlphaPulse.WebSocketServer.csproj", Trimmed: false),
        new("simulator", "source/AlphaPulse.Simulator/AlphaPulse.Simulator.csproj", Trimmed: false),
        new(PythonBindings, "source/AlphaPulse.Bindings/AlphaPulse.Bindings.csproj"),
    ];

    /// <summary>The analytics service's image: the Python package over libalphapulse.so.</summary>
    public const string PythonBindings = "python-bindings";

    public string Dockerfile => $"deploy/docker/Dockerfile.{Name}";

    /// <summary>Where ImageBuild publishes the app on the host for <c>APP_SOURCE=host</c> (inside the build context).</summary>
    public string PublishDirectory => $"artifacts/publish/{Name}";

    /// <summary><c>[registry/]alphapulse/&lt;name&gt;:&lt;tag&gt;</c>.</summary>
    public string Reference(string? registry, string tag) => $"{Repository(registry)}:{tag}";

    public string Repository(string? registry) =>
        string.IsNullOrWhiteSpace(registry) ? $"alphapulse/{Name}" : $"{registry.TrimEnd('/')}/alphapulse/{Name}";

    public static ImageComponent Named(string name) =>
        All.FirstOrDefault(component => component.Name == name)
        ?? throw new ArgumentException($"no image component is named '{name}' (known: {string.Join(", ", All.Select(component => component.Name))})", nameof(name));
}

/// <summary>Where the runtime stage takes the app from (the Dockerfiles' <c>APP_SOURCE</c> build argument).</summary>
public enum ImageSource
{
    /// <summary>Published on this machine by ImageBuild, copied from the build context (no registry needed).</summary>
    Host,

    /// <summary>Published inside the Dockerfile's SDK stage (official .NET images; GitHub Actions).</summary>
    Sdk,
}
