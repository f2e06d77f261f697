namespace AlphaPulse.Build.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alphapulse-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> to a path relative to this directory, creating folders; returns the full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Locations the tests read from: recorded samples and the repository itself.</summary>
internal static class TestPaths
{
    public static string Sample(string name) => File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Audit", "Samples", name));

    /// <summary>The repository root: the first folder above the test binaries that holds <c>.nuke</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(System.IO.Path.Combine(directory.FullName, ".nuke")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"the tests must run inside the repository (no .nuke folder above {AppContext.BaseDirectory})");
    }
}
