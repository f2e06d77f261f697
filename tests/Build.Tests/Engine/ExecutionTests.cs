using System.Text.Json.Nodes;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Engine;

/// <summary>Failure handling, conditions, and what a run prints.</summary>
internal sealed class FailureBuild : RecordingBuild
{
    public bool Deploying { get; set; }

    public Target Compile => _ => _.Executes(Record(nameof(Compile)));
    public Target Flaky => _ => _.DependsOn(Compile).ProceedAfterFailure().Executes(() => throw new BuildException("flaky broke"));
    public Target Broken => _ => _.DependsOn(Compile).Executes(() => throw new BuildException("broken broke"));
    public Target AfterBroken => _ => _.DependsOn(Broken).Executes(Record(nameof(AfterBroken)));
    public Target Independent => _ => _.After(Broken, Flaky).Executes(Record(nameof(Independent)));
    public Target Cleanup => _ => _.After(Broken, Flaky, Independent).AssuredAfterFailure().Executes(Record(nameof(Cleanup)));
    public Target Facts => _ => _.Executes(() => ReportSummary("tests", "42"));
    public Target Async => _ => _.Executes(async () =>
    {
        await Task.Yield();
        Ran.Add(nameof(Async));
    });

    public Target Prepare => _ => _.Executes(Record(nameof(Prepare)));
    public Target Gated => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => Deploying).WhenSkipped(DependencyBehavior.Skip).Executes(Record(nameof(Gated)));
    public Target GatedKeepsDependencies => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => Deploying).Executes(Record(nameof(GatedKeepsDependencies)));
    public Target Dynamic => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => Ran.Count > 5).Executes(Record(nameof(Dynamic)));
    public Target Hidden => _ => _.Unlisted().Executes(Record(nameof(Hidden)));
}

public sealed class ExecutionTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldExitZeroAndSayTheBuildSucceeded()
    {
        var result = _harness.Run<FailureBuild>("Compile", "Async");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile", "Async"], result.Build.Ran);
        Assert.Contains("Build succeeded on", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopAtAFailureButStillRunAssuredTargets()
    {
        var result = _harness.Run<FailureBuild>("AfterBroken", "Independent", "Cleanup");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Compile", "Cleanup"], result.Build.Ran);
        Assert.Contains("error: Broken failed: broken broke", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"AfterBroken\s+NotRun", result.Output);
        Assert.Contains("Build failed on", result.Output, StringComparison.Ordinal);
        Assert.Contains("Broken failed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldProceedAfterAFailureThatAllowsIt()
    {
        var result = _harness.Run<FailureBuild>("Flaky", "Independent");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["Compile", "Independent"], result.Build.Ran);
        Assert.Matches(@"Flaky\s+Failed", result.Output);
    }

    [Fact]
    public void ShouldSkipOnAFalseStaticConditionGivingItsSourceText()
    {
        var result = _harness.Run<FailureBuild>("Gated");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Build.Ran);
        Assert.Contains("Skipped (condition false: () => Deploying)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Prepare\s+Skipped \(only needed by skipped targets\)", result.Output);
    }

    [Fact]
    public void ShouldRunDependenciesOfAConditionallySkippedTargetByDefault()
    {
        var result = _harness.Run<FailureBuild>("GatedKeepsDependencies");

        Assert.Equal(["Prepare"], result.Build.Ran);
    }

    [Fact]
    public void ShouldEvaluateDynamicConditionsJustBeforeTheTarget()
    {
        var result = _harness.Run<FailureBuild>("Dynamic");

        Assert.Equal(["Prepare"], result.Build.Ran);
        Assert.Contains("condition false: () => Ran.Count > 5", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldShowReportedFactsInTheSummary()
    {
        var result = _harness.Run<FailureBuild>("Facts");

        Assert.Matches(@"Facts\s+Succeeded\s+\d+\.\d s\s+tests: 42", result.Output);
    }

    [Fact]
    public void ShouldGroupTargetsAndAnnotateErrorsOnGitHubActions()
    {
        _harness.Environment["GITHUB_ACTIONS"] = "true";

        var result = _harness.Run<FailureBuild>("Broken");

        Assert.Contains("::group::Compile", result.Lines);
        Assert.Contains("::endgroup::", result.Lines);
        Assert.Contains("::error::Broken failed: broken broke", result.Lines);
    }

    [Fact]
    public void ShouldListTargetsWithDependenciesAndParametersWithAllowedValuesInHelp()
    {
        var result = _harness.Run<ParameterBuild>("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Lines, line => line.StartsWith("All", StringComparison.Ordinal) && line.EndsWith("→ Deploy, Smoke", StringComparison.Ordinal));
        Assert.Contains(result.Lines, line => line.StartsWith("--env", StringComparison.Ordinal) && line.EndsWith("Target environment [development | staging | production]", StringComparison.Ordinal));
        Assert.Contains(result.Lines, line => line.StartsWith("--registry-password", StringComparison.Ordinal) && line.EndsWith("(secret)", StringComparison.Ordinal));
        Assert.Empty(result.Build.Ran);
    }

    [Fact]
    public void ShouldHideUnlistedTargetsFromHelp()
    {
        var result = _harness.Run<FailureBuild>("--help");

        Assert.DoesNotContain(result.Lines, line => line.StartsWith("Hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRegenerateTheSchemaFromParametersAndTargets()
    {
        _harness.WithFile(".nuke/build.schema.json", "{}");

        _harness.Run<ParameterBuild>("--help");

        var schema = JsonNode.Parse((_harness.Root / ".nuke" / "build.schema.json").ReadAllText())!;
        var properties = schema["properties"]!;
        Assert.Equal(["development", "staging", "production"], properties["Env"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.Equal("integer", properties["Replicas"]!["type"]!.GetValue<string>());
        Assert.Equal("array", properties["Symbols"]!["type"]!.GetValue<string>());
        Assert.Contains("Deploy", properties["Target"]!["items"]!["enum"]!.AsArray().Select(value => value!.GetValue<string>()));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }
}
