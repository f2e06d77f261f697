using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public sealed class AuditReportTests : IDisposable
{
    private readonly TempDirectory _artifacts = new();

    public void Dispose() => _artifacts.Dispose();

    private static AuditReport Report(params AuditSection[] overrides)
    {
        var sections = new Dictionary<string, AuditSection>
        {
            ["format"] = AuditSection.Passed("format", "format clean"),
            ["analyzers"] = AuditSection.Passed("analyzers", "analyzers clean"),
            ["vulnerable"] = AuditSection.Passed("vulnerable", "0 vulnerable"),
            ["deprecated"] = AuditSection.Passed("deprecated", "0 deprecated"),
            ["licences"] = AuditSection.Passed("licences", "41 packages licensed OK"),
        };
        foreach (var section in overrides)
        {
            sections[section.Name] = section;
        }
        return new AuditReport(AuditReport.SectionNames.Select(name => sections[name]).ToList());
    }

    [Fact]
    public void ShouldSummariseACleanAuditInOneLine()
    {
        var report = Report();

        Assert.True(report.Passed);
        Assert.Equal("0 vulnerable, 0 deprecated, 41 packages licensed OK", report.SummaryLine);
    }

    [Fact]
    public void ShouldNameFailingCodeChecksInTheSummaryAndFail()
    {
        var report = Report(AuditSection.FromFindings("format", "format: 1 errors, 0 warnings", [new AuditFinding("a.cs(1,1)", "error WHITESPACE")]));

        Assert.False(report.Passed);
        Assert.Equal("format: 1 errors, 0 warnings, 0 vulnerable, 0 deprecated, 41 packages licensed OK", report.SummaryLine);
    }

    [Fact]
    public void ShouldNotFailButShowAnUnverifiedSection()
    {
        var report = Report(new AuditSection("vulnerable", AuditStatus.Unverified, "vulnerable unverified (vulnerability data unreachable)",
            [new AuditFinding("https://api.nuget.org/v3/index.json", "vulnerability data could not be reached")]));

        Assert.True(report.Passed);
        Assert.StartsWith("vulnerable unverified", report.SummaryLine, StringComparison.Ordinal);
        Assert.Contains("## vulnerable: unverified", AuditReportWriter.ToMarkdown(report), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldWriteJsonAndMarkdownWithEverySectionAndFinding()
    {
        var report = Report(AuditSection.FromFindings("licences", "40 packages licensed OK, 1 not",
            [new AuditFinding("Some.Package 1.0.0", "licence 'GPL-3.0-only' is not allowed")]));

        var paths = AuditReportWriter.Write(report, Path.Combine(_artifacts.Path, "audit"));

        Assert.Equal(["audit-report.json", "audit-report.md"], paths.Select(Path.GetFileName));
        var json = File.ReadAllText(paths[0]);
        Assert.Contains("\"passed\": false", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"fail\"", json, StringComparison.Ordinal);
        Assert.Contains("licence 'GPL-3.0-only' is not allowed", json, StringComparison.Ordinal);
        var markdown = File.ReadAllText(paths[1]);
        Assert.Contains("| licences | FAIL | 40 packages licensed OK, 1 not |", markdown, StringComparison.Ordinal);
        Assert.Contains("- `Some.Package 1.0.0`: licence 'GPL-3.0-only' is not allowed", markdown, StringComparison.Ordinal);
        Assert.Equal(AuditReport.SectionNames.Select(name => $"## {name}:"),
            markdown.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)).Select(line => line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)]));
    }

    [Fact]
    public void ShouldTurnFormatterOutputIntoOneFindingPerDistinctDiagnostic()
    {
        const string Output = """
            /repo/build/Build.cs(12,5): error WHITESPACE: Fix whitespace formatting. Replace 1 characters with '\s'. [/repo/build/_build.csproj]
            /repo/build/Build.cs(14,1): error IMPORTS: Fix imports ordering. [/repo/build/_build.csproj]
            /repo/build/Build.cs(12,5): error WHITESPACE: Fix whitespace formatting. Replace 1 characters with '\s'. [/repo/build/_build.csproj]
            """;

        var section = DiagnosticAudit.ToSection("format", new CommandOutput(2, Output), "dotnet format", rootDirectory: "/repo");

        Assert.Equal(AuditStatus.Fail, section.Status);
        Assert.Equal("format: 2 errors, 0 warnings", section.Summary);
        Assert.Equal("build/Build.cs(12,5)", section.Findings[0].Subject);
        Assert.Equal("error WHITESPACE: Fix whitespace formatting. Replace 1 characters with '\\s'. (fix: dotnet format)", section.Findings[0].Message);
    }

    [Fact]
    public void ShouldParseAnalyzerDiagnosticsFromBuildOutput()
    {
        var diagnostics = DiagnosticAudit.Parse(
            "/repo/src/A.cs(3,17,3,20): error CA1822: Member 'X' does not access instance data [/repo/src/A.csproj]\n  Build FAILED.\n");

        Assert.Equal(new Diagnostic("/repo/src/A.cs", 3, 17, "error", "CA1822", "Member 'X' does not access instance data"), Assert.Single(diagnostics));
    }

    [Fact]
    public void ShouldFailACheckThatExitedNonZeroWithoutDiagnostics()
    {
        var section = DiagnosticAudit.ToSection("analyzers", new CommandOutput(1, "", "MSBUILD : error MSB1009: Project file does not exist."), "dotnet build");

        Assert.Equal(AuditStatus.Fail, section.Status);
        Assert.Contains("exited with code 1", Assert.Single(section.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldPassACleanCheck() =>
        Assert.Equal(AuditStatus.Pass, DiagnosticAudit.ToSection("analyzers", new CommandOutput(0, "Build succeeded.\n    0 Warning(s)\n    0 Error(s)"), "dotnet build").Status);
}
