using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public class LicenceAuditTests
{
    private static readonly ResolvedPackage Package = new("Some.Package", "1.2.3", "/packages/some.package/1.2.3/some.package.nuspec", ["/repo/a.csproj"]);

    private static LicenceCheck Evaluate(PackageLicence licence, LicenceAllowList? policy = null) =>
        LicenceAudit.Evaluate(Package, licence, policy ?? LicenceAllowList.Default);

    private static PackageLicence Expression(string expression) => new(LicenceSource.Expression, expression, expression);

    [Fact]
    public void ShouldAllowAPackageUnderAnAllowedLicence() =>
        Assert.Equal(LicenceVerdict.Allowed, Evaluate(Expression("MIT")).Verdict);

    [Fact]
    public void ShouldAllowAnOrExpressionWithOneAllowedSide() =>
        Assert.Equal(LicenceVerdict.Allowed, Evaluate(Expression("GPL-3.0-only OR Apache-2.0")).Verdict);

    [Fact]
    public void ShouldRefuseAnAndExpressionWithOneDisallowedSideNamingIt()
    {
        var check = Evaluate(Expression("MIT AND GPL-3.0-only"));

        Assert.Equal(LicenceVerdict.Disallowed, check.Verdict);
        Assert.False(check.IsOk);
        Assert.Contains("GPL-3.0-only not on the allow-list", check.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("MIT,", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportAnUndeterminedLicenceAsAFindingNotAPass()
    {
        var check = Evaluate(new PackageLicence(LicenceSource.Url, null, "https://example.com/eula.html"));

        Assert.Equal(LicenceVerdict.Unknown, check.Verdict);
        Assert.Contains("could not be determined: https://example.com/eula.html", check.Reason, StringComparison.Ordinal);
        Assert.Contains(LicenceAllowList.RelativePath, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportAMalformedExpressionAsUnknown() =>
        Assert.Equal(LicenceVerdict.Unknown, Evaluate(Expression("MIT OR")).Verdict);

    [Fact]
    public void ShouldAllowAnExemptedPackageWhateverItsLicenceWithTheReason()
    {
        var policy = LicenceAllowList.Parse("""
            { "allowed": ["MIT"],
              "exceptions": [ { "package": "some.package", "version": "1.2.3", "reason": "reviewed: dual-licensed, we use the MIT grant" } ] }
            """, "test");

        var unknown = Evaluate(PackageLicence.Missing("no licence element"), policy);
        var disallowed = Evaluate(Expression("GPL-3.0-only"), policy);

        Assert.Equal(LicenceVerdict.AllowedByExemption, unknown.Verdict);
        Assert.Equal(LicenceVerdict.AllowedByExemption, disallowed.Verdict);
        Assert.Contains("reviewed: dual-licensed", disallowed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotApplyAnExemptionToAnotherVersion()
    {
        var policy = LicenceAllowList.Parse("""
            { "allowed": ["MIT"], "exceptions": [ { "package": "Some.Package", "version": "9.9.9", "reason": "old review" } ] }
            """, "test");

        Assert.Equal(LicenceVerdict.Disallowed, Evaluate(Expression("GPL-3.0-only"), policy).Verdict);
    }

    [Fact]
    public void ShouldRefuseAnExemptionWithoutAReason()
    {
        var error = Assert.Throws<FormatException>(() => LicenceAllowList.Parse("""
            { "allowed": ["MIT"], "exceptions": [ { "package": "Some.Package" } ] }
            """, ".nuke/licence-allow-list.json"));

        Assert.Contains("must name a \"package\" and give a \"reason\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(".nuke/licence-allow-list.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSummariseTheLicencesSectionWithCountsAndFindings()
    {
        var checks = new[]
        {
            Evaluate(Expression("MIT")),
            Evaluate(Expression("Apache-2.0")),
            Evaluate(Expression("GPL-3.0-only")),
        };

        var section = LicenceAudit.ToSection(checks);

        Assert.Equal(AuditStatus.Fail, section.Status);
        Assert.Equal("2 packages licensed OK, 1 not", section.Summary);
        Assert.Equal("Some.Package 1.2.3", Assert.Single(section.Findings).Subject);
    }

    [Fact]
    public void ShouldCommitAnAllowListWithThePermissiveLicences()
    {
        var committed = LicenceAllowList.Load(Path.Combine(TestPaths.RepositoryRoot(), LicenceAllowList.RelativePath));

        Assert.All(["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MS-PL", "MIT-0", "0BSD", "Unlicense", "Zlib"],
            id => Assert.True(committed.IsAllowed(id), id));
        Assert.False(committed.IsAllowed("GPL-3.0-only"));
    }
}
