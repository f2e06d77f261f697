using AlphaPulse.Build.Tests.Engine;
using AlphaPulse.Build.Workflows;

namespace AlphaPulse.Build.Tests.Workflows;

/// <summary>The generated workflows call only targets and parameters the build really has.</summary>
public sealed class WorkflowCommandsTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldNameOnlyTargetsAndParametersTheBuildLists()
    {
        var help = _harness.Run<global::Build>("--help");
        Assert.Equal(0, help.ExitCode);
        var listed = help.Output.Split('\n').Where(line => line.StartsWith("  ", StringComparison.Ordinal)).Select(line => line.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);

        var commands = AlphaPulseWorkflows.All.SelectMany(workflow => workflow.Jobs).SelectMany(job => job.Steps.OfType<BuildStep>()).Select(step => step.Command).ToList();

        Assert.Contains(commands, command => command.StartsWith("./build.sh Deploy ", StringComparison.Ordinal));
        foreach (var word in commands.SelectMany(command => command.Split(' ').Skip(1)).Where(word => !word.StartsWith('"') && !word.StartsWith('$')))
        {
            Assert.True(listed.Contains(word) || IsValue(word), $"the workflows call `{word}`, which ./build.sh --help does not list");
        }
    }

    // Literal parameter values in the workflows (environments), not names.
    private static bool IsValue(string word) => word is "staging" or "production";
}
