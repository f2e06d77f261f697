using System.Text.Json;

namespace AlphaPulse.Build.Audit;

/// <summary>A package a project resolved, direct or transitive, with where it was restored to.</summary>
/// <param name="Id">Package id as the assets file spells it.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="NuspecPath">The package's .nuspec on disk, or null when no package folder holds it.</param>
/// <param name="Projects">The projects (assets files' project paths) that use it, sorted.</param>
public sealed record ResolvedPackage(string Id, string Version, string? NuspecPath, IReadOnlyList<string> Projects)
{
    public override string ToString() => $"{Id} {Version}";
}

/// <summary>
/// Collects every package (type <c>package</c>, direct and transitive) from restore's
/// <c>obj/project.assets.json</c> files and locates each in the package folders the assets file names
/// (the global packages folder first, then fallback folders).
/// </summary>
public static class AssetsPackages
{
    /// <summary>Every <c>obj/project.assets.json</c> below <paramref name="rootDirectory"/>, sorted, skipping hidden folders such as <c>.nuke/temp</c>.</summary>
    public static IReadOnlyList<string> FindAssetsFiles(string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(rootDirectory);
        var scratch = Path.Combine(Path.GetFullPath(rootDirectory), ".nuke", "temp") + Path.DirectorySeparatorChar;
        // Hidden folders (.git, .nuke, .vs) are skipped: no project of the repository lives there.
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        return Directory.EnumerateFiles(rootDirectory, "project.assets.json", options)
            .Select(Path.GetFullPath)
            .Where(path => Path.GetFileName(Path.GetDirectoryName(path)) == "obj" && !path.StartsWith(scratch, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The union of the packages in <paramref name="assetsFiles"/>, one entry per id and version, sorted by id then version.</summary>
    public static IReadOnlyList<ResolvedPackage> Read(IEnumerable<string> assetsFiles)
    {
        ArgumentNullException.ThrowIfNull(assetsFiles);
        var byKey = new SortedDictionary<(string Id, string Version), (string? Nuspec, SortedSet<string> Projects)>(PackageKeyComparer.Instance);
        foreach (var assetsFile in assetsFiles)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assetsFile));
            var root = document.RootElement;
            var project = ProjectPath(root, assetsFile);
            var folders = PackageFolders(root);
            foreach (var library in root.GetProperty("libraries").EnumerateObject())
            {
                if (!IsPackage(library.Value))
                {
                    continue;
                }
                var (id, version) = SplitKey(library.Name);
                var key = (id, version);
                if (!byKey.TryGetValue(key, out var entry))
                {
                    var relative = library.Value.TryGetProperty("path", out var path) ? path.GetString() : null;
                    entry = (FindNuspec(folders, relative ?? $"{id.ToLowerInvariant()}/{version.ToLowerInvariant()}"), new SortedSet<string>(StringComparer.Ordinal));
                    byKey[key] = entry;
                }
                entry.Projects.Add(project);
            }
        }
        return byKey.Select(pair => new ResolvedPackage(pair.Key.Id, pair.Key.Version, pair.Value.Nuspec, pair.Value.Projects.ToList())).ToList();
    }

    private static bool IsPackage(JsonElement library) =>
        library.TryGetProperty("type", out var type) && type.GetString() == "package";

    private static (string Id, string Version) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (key, "") : (key[..slash], key[(slash + 1)..]);
    }

    private static string ProjectPath(JsonElement root, string assetsFile) =>
        root.TryGetProperty("project", out var project)
        && project.TryGetProperty("restore", out var restore)
        && restore.TryGetProperty("projectPath", out var path)
        && path.GetString() is { Length: > 0 } text
            ? text
            : assetsFile;

    private static List<string> PackageFolders(JsonElement root) =>
        root.TryGetProperty("packageFolders", out var folders) && folders.ValueKind == JsonValueKind.Object
            ? folders.EnumerateObject().Select(folder => folder.Name).ToList()
            : [];

    private static string? FindNuspec(List<string> folders, string relativePackagePath)
    {
        foreach (var folder in folders)
        {
            var directory = Path.Combine(folder, relativePackagePath);
            if (Directory.Exists(directory))
            {
                // The file is <id>.nuspec in lower case; take whichever .nuspec is there rather than guess casing.
                var nuspec = Directory.EnumerateFiles(directory, "*.nuspec").Order(StringComparer.Ordinal).FirstOrDefault();
                if (nuspec is not null)
                {
                    return nuspec;
                }
            }
        }
        return null;
    }

    /// <summary>Orders by id case-insensitively (NuGet ids are), then by version text.</summary>
    private sealed class PackageKeyComparer : IComparer<(string Id, string Version)>
    {
        public static readonly PackageKeyComparer Instance = new();

        public int Compare((string Id, string Version) x, (string Id, string Version) y)
        {
            var byId = StringComparer.OrdinalIgnoreCase.Compare(x.Id, y.Id);
            return byId != 0 ? byId : StringComparer.OrdinalIgnoreCase.Compare(x.Version, y.Version);
        }
    }
}
