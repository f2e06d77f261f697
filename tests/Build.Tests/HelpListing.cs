using AlphaPulse.Build.Tests.Engine;

namespace AlphaPulse.Build.Tests;

/// <summary>The target and parameter names <c>./build.sh --help</c> lists, as written there (<c>Compile</c>, <c>--up-for</c>).</summary>
internal static class HelpListing
{
    public static (List<string> Targets, List<string> Parameters) Read(BuildHarness harness)
    {
        var result = harness.Run<global::Build>("--help");
        Assert.Equal(0, result.ExitCode);
        var targets = new List<string>();
        var parameters = new List<string>();
        List<string>? section = null;
        foreach (var line in result.Output.Split('\n'))
        {
            section = line.StartsWith("Targets", StringComparison.Ordinal) ? targets
                : line.StartsWith("Parameters", StringComparison.Ordinal) ? parameters
                : line.Length == 0 || !line.StartsWith(' ') ? null
                : section;
            if (section is not null && line.StartsWith("  ", StringComparison.Ordinal))
            {
                section.Add(line.Trim().Split(' ')[0]);
            }
        }
        return (targets, parameters);
    }
}
