namespace AlphaPulse.Build.Audit;

/// <summary>How one package fared against the licence policy.</summary>
public enum LicenceVerdict
{
    Allowed,
    AllowedByExemption,
    Disallowed,
    Unknown,
}

/// <summary>The licence check of one package: what it declares, the verdict, and why.</summary>
public sealed record LicenceCheck(ResolvedPackage Package, PackageLicence Licence, LicenceVerdict Verdict, string Reason)
{
    public bool IsOk => Verdict is LicenceVerdict.Allowed or LicenceVerdict.AllowedByExemption;
}

/// <summary>
/// Checks every package's licence against the allow-list. A licence that cannot be determined is a finding,
/// never a pass: someone must read it and record an exception with a reason.
/// </summary>
public static class LicenceAudit
{
    /// <summary>Reads each package's .nuspec and evaluates it; see <see cref="Evaluate(ResolvedPackage, PackageLicence, LicenceAllowList)"/>.</summary>
    public static IReadOnlyList<LicenceCheck> Check(IEnumerable<ResolvedPackage> packages, LicenceAllowList policy)
    {
        ArgumentNullException.ThrowIfNull(packages);
        return packages
            .Select(package => Evaluate(
                package,
                package.NuspecPath is null
                    ? PackageLicence.Missing("the package is not in any package folder the assets file names; run restore first")
                    : NuspecLicenceReader.Read(package.NuspecPath),
                policy))
            .ToList();
    }

    /// <summary>The verdict for one package's licence under <paramref name="policy"/>.</summary>
    public static LicenceCheck Evaluate(ResolvedPackage package, PackageLicence licence, LicenceAllowList policy)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(licence);
        ArgumentNullException.ThrowIfNull(policy);

        if (policy.ExemptionFor(package.Id, package.Version) is { } exemption)
        {
            return new(package, licence, LicenceVerdict.AllowedByExemption, $"allowed by exception: {exemption.Reason}");
        }
        if (licence.Expression is null)
        {
            return new(package, licence, LicenceVerdict.Unknown,
                $"licence could not be determined: {licence.Evidence} (read the licence, then add an exception with a reason to {LicenceAllowList.RelativePath})");
        }
        if (SpdxExpression.TryParse(licence.Expression, out var error) is not { } expression)
        {
            return new(package, licence, LicenceVerdict.Unknown,
                $"licence expression is malformed: {error} (add an exception with a reason to {LicenceAllowList.RelativePath})");
        }
        if (expression.IsSatisfiedBy(policy.IsAllowed))
        {
            return new(package, licence, LicenceVerdict.Allowed, $"{licence.Expression} is allowed");
        }
        var refused = expression.LicenceIds().Where(id => !policy.IsAllowed(id)).Distinct(StringComparer.OrdinalIgnoreCase);
        return new(package, licence, LicenceVerdict.Disallowed,
            $"licence '{licence.Expression}' is not allowed: {string.Join(", ", refused)} not on the allow-list "
            + $"(replace the package, or add an exception with a reason to {LicenceAllowList.RelativePath})");
    }

    /// <summary>The <c>licences</c> report section: one finding per package that is not OK.</summary>
    public static AuditSection ToSection(IReadOnlyList<LicenceCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var findings = checks
            .Where(check => !check.IsOk)
            .Select(check => new AuditFinding(check.Package.ToString(), check.Reason))
            .ToList();
        var ok = checks.Count - findings.Count;
        var summary = findings.Count == 0
            ? $"{ok} packages licensed OK"
            : $"{ok} packages licensed OK, {findings.Count} not";
        return AuditSection.FromFindings("licences", summary, findings);
    }
}
