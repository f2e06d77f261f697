namespace AlphaPulse.Build.Audit;

/// <summary>
/// A tiny project that references packages known to be vulnerable and deprecated, so an empty
/// <c>dotnet list package --vulnerable</c> result can be told apart from a source that serves no metadata.
/// </summary>
/// <remarks>
/// Why: a package source (or mirror, or proxy) whose service index lacks NuGet's <c>VulnerabilityInfo</c>
/// resource and whose registration leaves carry no <c>vulnerabilities</c>/<c>deprecation</c> fields makes
/// <c>dotnet list package --vulnerable</c> exit 0 with an empty report and no warning at all. The canary's
/// packages must then show up as flagged; when they do not, the metadata was not there.
/// </remarks>
public static class AuditCanary
{
    /// <summary>Folder for the canary project, relative to the repository root (ignored by git, skipped by the licence scan).</summary>
    public const string RelativeDirectory = ".nuke/temp/audit-canary";

    public const string ProjectFileName = "AuditCanary.csproj";

    /// <summary>Newtonsoft.Json 12.0.1: GHSA-5crp-9r3c-p9vr (high; fixed in 13.0.1).</summary>
    public static readonly (string Id, string Version, string Evidence) VulnerablePackage =
        ("Newtonsoft.Json", "12.0.1", "GHSA-5crp-9r3c-p9vr");

    /// <summary>System.Data.SqlClient: deprecated on nuget.org as legacy in favour of Microsoft.Data.SqlClient.</summary>
    public static readonly (string Id, string Version, string Evidence) DeprecatedPackage =
        ("System.Data.SqlClient", "4.8.5", "deprecated as legacy");

    /// <summary>
    /// The files to write into <see cref="RelativeDirectory"/> before restoring and listing the canary: the project,
    /// and empty Directory.* files that shield it from the repository's build settings (warnings as errors,
    /// central package versions), which would otherwise fail the restore of a deliberately vulnerable package.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [ProjectFileName] = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Audit canary: references packages known to be flagged. Never built, only restored and listed. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{VulnerablePackage.Id}" Version="{VulnerablePackage.Version}" />
                <PackageReference Include="{DeprecatedPackage.Id}" Version="{DeprecatedPackage.Version}" />
              </ItemGroup>
            </Project>

            """,
        ["Directory.Build.props"] = "<Project />\n",
        ["Directory.Build.targets"] = "<Project />\n",
        ["Directory.Packages.props"] = "<Project />\n",
    };

    /// <summary>
    /// Returns <paramref name="repositoryScan"/>, marked unreachable when the canary scan of the same kind failed
    /// or did not flag its known package (the source then serves no such metadata, and "nothing found" proves nothing).
    /// </summary>
    public static PackageListScan Confirm(PackageListScan repositoryScan, PackageListScan canaryScan)
    {
        ArgumentNullException.ThrowIfNull(repositoryScan);
        ArgumentNullException.ThrowIfNull(canaryScan);
        if (repositoryScan.DataUnreachable is not null)
        {
            return repositoryScan;
        }
        if (canaryScan.DataUnreachable is not null)
        {
            return repositoryScan with { DataUnreachable = $"the canary check failed: {canaryScan.DataUnreachable}" };
        }
        var (id, version, evidence) = canaryScan.Kind == PackageListKind.Vulnerable ? VulnerablePackage : DeprecatedPackage;
        var flagged = canaryScan.Packages.Any(package =>
            string.Equals(package.Id, id, StringComparison.OrdinalIgnoreCase)
            && (package.Vulnerabilities.Count > 0 || package.DeprecationReasons.Count > 0));
        return flagged
            ? repositoryScan
            : repositoryScan with
            {
                DataUnreachable = $"the source reported the canary package {id} {version} ({evidence}) as clean, so it serves no {canaryScan.DataName}",
            };
    }
}
