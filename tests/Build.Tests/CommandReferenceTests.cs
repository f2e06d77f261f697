using System.Text.RegularExpressions;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Tests.Engine;

namespace AlphaPulse.Build.Tests;

/// <summary>
/// Every <c>./build.sh</c> command a user or a CI runner reads — in the README, the docs, <c>.ci/run</c>,
/// <c>.ci/commands</c> and the generated workflows — names only targets and parameters the build defines,
/// as <c>./build.sh --help</c> lists them.
/// </summary>
public sealed partial class CommandReferenceTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldNameOnlyTargetsAndParametersTheBuildDefinesInEveryCommandShownOrRun()
    {
        var names = HelpNames();
        var root = TestPaths.RepositoryRoot();
        var files = new[] { "README.md", ".ci/run", ".ci/commands" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(path => Path.GetRelativePath(root, path)))
            .Concat(Directory.GetFiles(Path.Combine(root, ".github", "workflows"), "*.yml").Select(path => Path.GetRelativePath(root, path)));

        var unknown = files.SelectMany(file => UnknownNames(File.ReadAllText(Path.Combine(root, file)), names).Select(problem => $"{file}: {problem}")).ToList();

        Assert.True(unknown.Count == 0, "commands must name targets and parameters the build defines: " + string.Join("; ", unknown) + " (fix the command, or add the target/parameter to the build)");
        Assert.Contains("./build.sh Test", File.ReadAllText(Path.Combine(root, ".ci/commands")), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportAMisspeltTargetAndAnUnknownParameter()
    {
        var names = HelpNames();

        var unknown = UnknownNames("run `./build.sh Tset --quik` then ./build.sh Bench --suite shm collector --profile shared-vm", names);

        Assert.Equal(["target 'Tset' in './build.sh Tset --quik'", "parameter '--quik' in './build.sh Tset --quik'"], unknown);
    }

    [Fact]
    public void ShouldAcceptTargetsInAnyCaseOrDashFormAndTheEngineOptions() =>
        Assert.Empty(UnknownNames("./build.sh generate-workflows TEST --plan --skip Test --profile shared-vm --help", HelpNames()));

    /// <summary>Each target or parameter in <paramref name="text"/>'s <c>./build.sh</c> commands that the build does not define.</summary>
    public static List<string> UnknownNames(string text, (HashSet<string> Targets, HashSet<string> Parameters) names)
    {
        var unknown = new List<string>();
        foreach (Match command in BuildCommand().Matches(text))
        {
            var words = command.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var inOptions = false;
            foreach (var word in words)
            {
                if (word.StartsWith("--", StringComparison.Ordinal))
                {
                    inOptions = true;
                    var name = word[2..];
                    if (!names.Parameters.Contains(name) && !BuiltInOptions.Names.Contains(name))
                    {
                        unknown.Add($"parameter '{word}' in '{command.Value.Trim()}'");
                    }
                }
                else if (!inOptions && !names.Targets.Contains(NameMatching.Normalize(word)))
                {
                    unknown.Add($"target '{word}' in '{command.Value.Trim()}'");
                }
            }
        }
        return unknown;
    }

    private (HashSet<string> Targets, HashSet<string> Parameters) HelpNames()
    {
        var (targets, parameters) = HelpListing.Read(_harness);
        return (targets.Select(NameMatching.Normalize).ToHashSet(StringComparer.Ordinal), parameters.Select(name => name.TrimStart('-')).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary><c>./build.sh</c> and its words up to the end of the shell command (a quote of either kind, pipe, brace, comment or line end).</summary>
    [GeneratedRegex(@"\./build\.sh((?:[ \t]+[^\s`|;&#{}()'""<>\\]+)*)")]
    private static partial Regex BuildCommand();
}
