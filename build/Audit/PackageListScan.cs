namespace AlphaPulse.Build.Audit;

/// <summary>What a finished tool run left behind: exit code and captured output. The build runs the tool; this only carries text.</summary>
public sealed record CommandOutput(int ExitCode, string StandardOutput, string StandardError = "");

/// <summary>Which <c>dotnet list package</c> report a scan came from.</summary>
public enum PackageListKind
{
    /// <summary><c>--vulnerable --include-transitive</c>.</summary>
    Vulnerable,

    /// <summary><c>--deprecated --include-transitive</c>.</summary>
    Deprecated,
}

/// <summary>A security advisory against a package version.</summary>
public sealed record Advisory(string Severity, string Url);

/// <summary>A package that <c>dotnet list package</c> flagged in one project and target framework.</summary>
public sealed record ListedPackage(
    string Project,
    string Framework,
    string Id,
    string Version,
    bool Transitive,
    IReadOnlyList<Advisory> Vulnerabilities,
    IReadOnlyList<string> DeprecationReasons,
    string? Alternative)
{
    public override string ToString() => $"{Id} {Version}";
}

/// <summary>
/// The parsed result of <c>dotnet list package --vulnerable|--deprecated --include-transitive --format json</c>.
/// <see cref="DataUnreachable"/> is set when the package metadata could not be obtained, in which case an empty
/// <see cref="Packages"/> list proves nothing.
/// </summary>
public sealed record PackageListScan(
    PackageListKind Kind,
    IReadOnlyList<string> Sources,
    IReadOnlyList<ListedPackage> Packages,
    IReadOnlyList<string> Problems,
    string? DataUnreachable)
{
    /// <summary>The data this scan depends on, for messages: "vulnerability data" or "deprecation data".</summary>
    public string DataName => Kind == PackageListKind.Vulnerable ? "vulnerability data" : "deprecation data";

    /// <summary>The section name in the audit report.</summary>
    public string SectionName => Kind == PackageListKind.Vulnerable ? "vulnerable" : "deprecated";

    public string SourceList => Sources.Count == 0 ? "the configured package sources" : string.Join(", ", Sources);
}
