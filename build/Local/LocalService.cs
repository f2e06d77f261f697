namespace AlphaPulse.Build.Local;

/// <summary>
/// A service of the local stack: the project to build and run, its environment, and where it answers
/// <c>/ready</c> and <c>/metrics</c>. <paramref name="StatusMetric"/> is the counter whose rate the status line shows.
/// A service that is not a .NET project (the Python analytics service) gives the <paramref name="Command"/>
/// that starts it instead: program first, then its arguments; nothing is built for it.
/// </summary>
public sealed record LocalService(
    string Name,
    string Project,
    IReadOnlyDictionary<string, string> Environment,
    Uri HttpBase,
    string? StatusMetric = null,
    string? Url = null,
    IReadOnlyList<string>? Command = null)
{
    public bool IsDotNet => Command is null;

    /// <summary>The program and arguments that start this service from the folder .NET projects are built into.</summary>
    public (string Program, IReadOnlyList<string> Arguments) StartCommand(string binDirectory) =>
        Command is { Count: > 0 } command
            ? (command[0], [.. command.Skip(1)])
            : ("dotnet", [Path.Combine(binDirectory, ProjectName(Project), ProjectName(Project) + ".dll")]);

    public Uri ReadyUrl => new(HttpBase, "/ready");

    public Uri MetricsUrl => new(HttpBase, "/metrics");

    /// <summary><c>source/X/X.csproj</c> → <c>X</c>: the folder it is built into and the name of its assembly.</summary>
    public static string ProjectName(string project) => Path.GetFileNameWithoutExtension(project);
}
