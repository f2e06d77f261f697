namespace AlphaPulse.Build.Audit;

/// <summary>Turns vulnerable/deprecated scans into report sections.</summary>
public static class PackageListAudit
{
    /// <summary>The build parameter that accepts unreachable package metadata as "unverified" instead of failing.</summary>
    public const string AcceptUnverifiedParameter = "--audit-offline";

    /// <summary>
    /// The <c>vulnerable</c> or <c>deprecated</c> section. When the metadata was unreachable the section fails,
    /// or, with <paramref name="acceptUnverified"/>, is <see cref="AuditStatus.Unverified"/>; it never passes.
    /// </summary>
    public static AuditSection ToSection(PackageListScan scan, bool acceptUnverified = false)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (scan.DataUnreachable is { } why)
        {
            var message = UnreachableMessage(scan, why);
            return new AuditSection(scan.SectionName, acceptUnverified ? AuditStatus.Unverified : AuditStatus.Fail,
                $"{scan.SectionName} unverified ({scan.DataName} unreachable)", [new AuditFinding(scan.SourceList, message)]);
        }

        // One finding per package version, naming every project that uses it.
        var findings = scan.Packages
            .GroupBy(package => (package.Id, package.Version))
            .OrderBy(group => group.Key.Id, StringComparer.OrdinalIgnoreCase)
            .Select(group => new AuditFinding($"{group.Key.Id} {group.Key.Version}", Describe(group.First(), group.Select(p => Path.GetFileName(p.Project)).Distinct())))
            .ToList();
        return AuditSection.FromFindings(scan.SectionName, $"{findings.Count} {scan.SectionName}", findings);
    }

    /// <summary>The message shown when metadata could not be obtained; it says what cannot be vouched for and how to proceed.</summary>
    public static string UnreachableMessage(PackageListScan scan, string why)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return $"{scan.DataName} could not be reached from {scan.SourceList}: {why} — the audit cannot vouch for packages; "
            + $"rerun with network access to a source that serves {scan.DataName}, or pass {AcceptUnverifiedParameter} to record the gap and continue";
    }

    private static string Describe(ListedPackage package, IEnumerable<string> projects)
    {
        var where = $"{(package.Transitive ? "transitive" : "direct")} in {string.Join(", ", projects)}";
        if (package.Vulnerabilities.Count > 0)
        {
            var advisories = string.Join(", ", package.Vulnerabilities.Select(advisory => $"{advisory.Severity} {advisory.Url}"));
            return $"vulnerable ({advisories}); {where}; upgrade to a fixed version";
        }
        var alternative = package.Alternative is null ? "" : $"; alternative: {package.Alternative}";
        return $"deprecated ({string.Join(", ", package.DeprecationReasons)}){alternative}; {where}";
    }
}
