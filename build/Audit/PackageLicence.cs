namespace AlphaPulse.Build.Audit;

/// <summary>Where a package's licence statement came from in its .nuspec.</summary>
public enum LicenceSource
{
    /// <summary><c>&lt;license type="expression"&gt;</c>: an SPDX expression, the authoritative form.</summary>
    Expression,

    /// <summary><c>&lt;license type="file"&gt;</c>: a licence text shipped inside the package.</summary>
    File,

    /// <summary>The legacy <c>&lt;licenseUrl&gt;</c>, mapped when the address is a well-known licence.</summary>
    Url,

    /// <summary>The .nuspec states no licence, or the package could not be found on disk.</summary>
    Missing,
}

/// <summary>
/// What a package says about its licence. <see cref="Expression"/> is the SPDX expression when one could be
/// determined (declared, or recognised from a file or URL); null means the licence is unknown, which the
/// audit reports as a finding.
/// </summary>
/// <param name="Source">Which .nuspec element the statement came from.</param>
/// <param name="Expression">The SPDX expression, or null when it could not be determined.</param>
/// <param name="Evidence">What was read: the expression, the file name, the URL, or why nothing was.</param>
public sealed record PackageLicence(LicenceSource Source, string? Expression, string Evidence)
{
    public static PackageLicence Missing(string why) => new(LicenceSource.Missing, null, why);

    public override string ToString() => Source switch
    {
        LicenceSource.Expression => Evidence,
        _ when Expression is not null => $"{Expression} (from {Source.ToString().ToLowerInvariant()} {Evidence})",
        _ => $"unknown ({Evidence})",
    };
}
