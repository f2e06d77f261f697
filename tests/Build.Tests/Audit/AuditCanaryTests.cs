using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public class AuditCanaryTests
{
    private static PackageListScan Scan(string sample, PackageListKind kind = PackageListKind.Vulnerable, int exitCode = 0) =>
        PackageListParser.Parse(kind, new CommandOutput(exitCode, TestPaths.Sample(sample)));

    [Fact]
    public void ShouldKeepACleanResultWhenTheCanaryIsFlagged()
    {
        var confirmed = AuditCanary.Confirm(Scan("vulnerable-repo-clean.json"), Scan("vulnerable-found.json"));

        Assert.Null(confirmed.DataUnreachable);
        Assert.Equal(AuditStatus.Pass, PackageListAudit.ToSection(confirmed).Status);
    }

    // Recorded on this project's machine: the package source answers, but serves no vulnerability data,
    // so `dotnet list package --vulnerable` exits 0 and reports the known-vulnerable canary as clean.
    [Fact]
    public void ShouldRefuseACleanResultWhenTheSourceReportsTheCanaryClean()
    {
        var confirmed = AuditCanary.Confirm(Scan("vulnerable-repo-clean.json"), Scan("vulnerable-canary-silent.json"));

        Assert.Contains("canary package Newtonsoft.Json 12.0.1 (GHSA-5crp-9r3c-p9vr) as clean, so it serves no vulnerability data",
            confirmed.DataUnreachable, StringComparison.Ordinal);
        var section = PackageListAudit.ToSection(confirmed);
        Assert.Equal(AuditStatus.Fail, section.Status);
        Assert.Contains("vulnerability data could not be reached from https://api.nuget.org/v3/index.json", section.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldCheckTheDeprecatedCanaryForDeprecationScans()
    {
        var repository = Scan("deprecated-repo-clean.json", PackageListKind.Deprecated);

        Assert.Null(AuditCanary.Confirm(repository, Scan("deprecated-found.json", PackageListKind.Deprecated)).DataUnreachable);
        Assert.Contains("System.Data.SqlClient 4.8.5", AuditCanary.Confirm(repository, repository).DataUnreachable, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportAFailedCanaryRunAsUnreachable() =>
        Assert.Contains("the canary check failed", AuditCanary.Confirm(Scan("vulnerable-repo-clean.json"),
            Scan("vulnerable-unreachable.stdout.txt", exitCode: 1)).DataUnreachable, StringComparison.Ordinal);

    [Fact]
    public void ShouldShieldTheCanaryProjectFromTheRepositorysBuildSettings()
    {
        Assert.Equal(["AuditCanary.csproj", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"], AuditCanary.Files.Keys);
        Assert.Contains("""<PackageReference Include="Newtonsoft.Json" Version="12.0.1" />""", AuditCanary.Files["AuditCanary.csproj"], StringComparison.Ordinal);
        Assert.StartsWith(".nuke/temp/", AuditCanary.RelativeDirectory, StringComparison.Ordinal);
    }
}
