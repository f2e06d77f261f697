namespace AlphaPulse.Build.Local;

/// <summary>
/// A service of the local stack: the project to build and run, its environment, and where it answers
/// <c>/ready</c> and <c>/metrics</c>. <paramref name="StatusMetric"/> is the counter whose rate the status line shows.
/// </summary>
public sealed record LocalService(
    string Name,
    string Project,
    IReadOnlyDictionary<string, string> Environment,
    Uri HttpBase,
    string? StatusMetric = null,
    string? Url = null)
{
    public Uri ReadyUrl => new(HttpBase, "/ready");

    public Uri MetricsUrl => new(HttpBase, "/metrics");

    /// <summary><c>source/X/X.csproj</c> → <c>X</c>: the folder it is built into and the name of its assembly.</summary>
    public static string ProjectName(string project) => Path.GetFileNameWithoutExtension(project);
}
