namespace AlphaPulse.Build.Mutation;

/// <summary>
/// Stryker.NET writes the mutated assembly over the copy in the test project's output folder, keeps the original
/// beside it as <c>&lt;name&gt;.dll.stryker-unchanged</c>, and copies it back when the run ends. A run that is
/// killed (a CI timeout, Ctrl+C) leaves the mutated assembly in place, and a later build that finds its inputs
/// unchanged, or a <c>dotnet test --no-build</c>, would test the mutants: this puts every original back. A run that
/// ends normally has copied it back already but leaves the backup behind, and a later run keeps that old backup
/// (seen here: a 03:15 backup restored over a 04:41 build), so the backup is removed after every run. Stateless.
/// </summary>
public static class StrykerBackups
{
    public const string Suffix = ".stryker-unchanged";

    /// <summary>Moves every original under <paramref name="directory"/> back over its copy; the assemblies that were still mutated.</summary>
    public static IReadOnlyList<string> Restore(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var restored = new List<string>();
        foreach (var backup in Directory.EnumerateFiles(directory, "*" + Suffix, SearchOption.AllDirectories))
        {
            var assembly = backup[..^Suffix.Length];
            if (!File.Exists(assembly) || !File.ReadAllBytes(assembly).AsSpan().SequenceEqual(File.ReadAllBytes(backup)))
            {
                restored.Add(assembly);
            }

            File.Move(backup, assembly, overwrite: true);
        }

        return restored;
    }
}
