using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

/// <summary>Parses outputs recorded from `dotnet list package` on this project's machines (see Samples/).</summary>
public class PackageListParserTests
{
    private static PackageListScan Vulnerable(string sample, int exitCode = 0, string stderr = "") =>
        PackageListParser.Parse(PackageListKind.Vulnerable, new CommandOutput(exitCode, TestPaths.Sample(sample), stderr));

    [Fact]
    public void ShouldReadACleanReportAsNoPackagesAndReachable()
    {
        var scan = Vulnerable("vulnerable-repo-clean.json");

        Assert.Empty(scan.Packages);
        Assert.Null(scan.DataUnreachable);
        Assert.Equal(["https://api.nuget.org/v3/index.json"], scan.Sources);
    }

    [Fact]
    public void ShouldReadDirectAndTransitiveVulnerabilities()
    {
        var scan = Vulnerable("vulnerable-found.json");

        Assert.Collection(scan.Packages,
            direct =>
            {
                Assert.Equal(("Newtonsoft.Json", "12.0.1", false), (direct.Id, direct.Version, direct.Transitive));
                Assert.Equal(new Advisory("High", "https://github.com/advisories/GHSA-5crp-9r3c-p9vr"), Assert.Single(direct.Vulnerabilities));
                Assert.Equal("net10.0", direct.Framework);
            },
            transitive => Assert.Equal(("System.Text.RegularExpressions", true), (transitive.Id, transitive.Transitive)));
        var section = PackageListAudit.ToSection(scan);
        Assert.Equal(AuditStatus.Fail, section.Status);
        Assert.Equal("2 vulnerable", section.Summary);
        Assert.Contains("High https://github.com/advisories/GHSA-5crp-9r3c-p9vr", section.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("direct in AuditCanary.csproj", section.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReadDeprecationReasonsAndTheAlternative()
    {
        var scan = PackageListParser.Parse(PackageListKind.Deprecated, new CommandOutput(0, TestPaths.Sample("deprecated-found.json")));

        var package = Assert.Single(scan.Packages);
        Assert.Equal(["Legacy"], package.DeprecationReasons);
        Assert.Equal("Microsoft.Data.SqlClient >= 0.0.0", package.Alternative);
        Assert.Equal("1 deprecated", PackageListAudit.ToSection(scan).Summary);
    }

    [Fact]
    public void ShouldTreatAnUnloadableServiceIndexAsUnreachableNotClean()
    {
        var scan = Vulnerable("vulnerable-unreachable.stdout.txt", exitCode: 1);

        Assert.Empty(scan.Packages);
        Assert.NotNull(scan.DataUnreachable);
        Assert.Contains("Unable to load the service index for source https://127.0.0.1:9/v3/index.json", scan.DataUnreachable, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTreatAnErrorProblemAsUnreachable()
    {
        var scan = Vulnerable("vulnerable-http-source-problem.json", exitCode: 1);

        Assert.Contains("NuGet requires HTTPS sources", scan.DataUnreachable, StringComparison.Ordinal);
        Assert.Equal(["http://127.0.0.1:9/v3/index.json"], scan.Sources);
    }

    [Fact]
    public void ShouldTreatWarningNu1900AsUnreachableEvenWithExitCodeZero()
    {
        var scan = Vulnerable("vulnerable-nu1900-warning.json");

        Assert.Contains("NU1900", scan.DataUnreachable, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTreatNu1900OnStandardErrorAsUnreachable()
    {
        var scan = Vulnerable("vulnerable-repo-clean.json", stderr: "warning NU1900: Error occurred while getting package vulnerability data: timeout");

        Assert.Contains("timeout", scan.DataUnreachable, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTreatANonZeroExitWithACleanReportAsUnreachable() =>
        Assert.Contains("exited with code 1", Vulnerable("vulnerable-repo-clean.json", exitCode: 1).DataUnreachable, StringComparison.Ordinal);

    [Fact]
    public void ShouldFailTheSectionWithAMessageThatSaysWhatCannotBeVouchedFor()
    {
        var section = PackageListAudit.ToSection(Vulnerable("vulnerable-unreachable.stdout.txt", exitCode: 1));

        Assert.Equal(AuditStatus.Fail, section.Status);
        var message = Assert.Single(section.Findings).Message;
        Assert.StartsWith("vulnerability data could not be reached from the configured package sources: ", message, StringComparison.Ordinal);
        Assert.Contains("the audit cannot vouch for packages; rerun with network access", message, StringComparison.Ordinal);
        Assert.Contains(PackageListAudit.AcceptUnverifiedParameter, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldMarkTheSectionUnverifiedWhenTheGapIsAccepted()
    {
        var section = PackageListAudit.ToSection(Vulnerable("vulnerable-nu1900-warning.json"), acceptUnverified: true);

        Assert.Equal(AuditStatus.Unverified, section.Status);
        Assert.Equal("vulnerable unverified (vulnerability data unreachable)", section.Summary);
        Assert.Single(section.Findings);
    }
}
