using System.Text.RegularExpressions;
using AlphaPulse.Build.Tests.Engine;

namespace AlphaPulse.Build.Tests;

/// <summary>The README's tables of targets and parameters stay true to what <c>./build.sh --help</c> lists.</summary>
public sealed partial class ReadmeTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldDocumentEveryTargetTheBuildListsAndNoOther()
    {
        var help = HelpSections();

        Assert.Equal(help.Targets.Order(StringComparer.Ordinal), ReadmeColumn("Targets").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShouldDocumentEveryParameterTheBuildListsAndNoOther()
    {
        var help = HelpSections();

        Assert.Equal(help.Parameters.Order(StringComparer.Ordinal), ReadmeColumn("Parameters").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShouldShowTheTestCommand() =>
        Assert.Contains("./build.sh Test", File.ReadAllText(RepositoryFile("README.md")), StringComparison.Ordinal);

    private (List<string> Targets, List<string> Parameters) HelpSections() => HelpListing.Read(_harness);

    private static List<string> ReadmeColumn(string heading)
    {
        var readme = File.ReadAllText(RepositoryFile("README.md"));
        var start = readme.IndexOf($"### {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '### {heading}' section");
        var section = readme[start..];
        var end = section.IndexOf("\n\n", section.IndexOf('|', StringComparison.Ordinal), StringComparison.Ordinal);
        return TableFirstCell().Matches(end < 0 ? section : section[..end]).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableFirstCell();

    private static string RepositoryFile(string relativePath) => Path.Combine(TestPaths.RepositoryRoot(), relativePath);
}
