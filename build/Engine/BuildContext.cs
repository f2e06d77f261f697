using System.Collections;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Everything a build run reads from its surroundings: arguments, environment, root directory and the
/// writer it prints to. Tests create their own; <see cref="NukeBuild.Execute{T}"/> uses the process's.
/// </summary>
public sealed class BuildContext
{
    public BuildContext(string[] arguments, IReadOnlyDictionary<string, string> environment, AbsolutePath rootDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Arguments = arguments;
        Environment = environment;
        RootDirectory = rootDirectory;
        Masker = new SecretMasker();
        Output = output as MaskingTextWriter ?? new MaskingTextWriter(output, Masker);
    }

    public string[] Arguments { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public AbsolutePath RootDirectory { get; }

    public SecretMasker Masker { get; }

    public TextWriter Output { get; }

    public bool IsGitHubActions => Environment.TryGetValue("GITHUB_ACTIONS", out var value) && value == "true";

    public bool IsServerBuild =>
        IsGitHubActions || (Environment.TryGetValue("CI", out var ci) && !string.IsNullOrEmpty(ci) && ci != "false");

    /// <summary>The running process's arguments, environment, console and root (found by the <c>.nuke</c> marker).</summary>
    public static BuildContext FromProcess(string[] arguments)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }
        return new BuildContext(arguments, environment, FindRootDirectory(), Console.Out);
    }

    private static AbsolutePath FindRootDirectory()
    {
        // build.sh exports the root so the build works from any working directory.
        if (System.Environment.GetEnvironmentVariable("NUKE_ROOT_DIRECTORY") is { Length: > 0 } root)
        {
            return AbsolutePath.Create(root);
        }
        var directory = new DirectoryInfo(System.Environment.CurrentDirectory);
        while (directory is not null)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return AbsolutePath.Create(directory.FullName);
            }
            directory = directory.Parent;
        }
        throw new BuildException($"no .nuke directory marks the repository root: searched upwards from {System.Environment.CurrentDirectory} (run ./build.sh from inside the repository)");
    }
}
