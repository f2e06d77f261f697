namespace AlphaPulse.Build.Tests.Engine;

public sealed class PlanTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldRunDependenciesBeforeTheInvokedTarget()
    {
        var result = _harness.Run<PipelineBuild>("Test");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test"], result.Build.Ran);
    }

    [Fact]
    public void ShouldRunTheDefaultTargetWhenNoneIsNamed()
    {
        var result = _harness.Run<PipelineBuild>();

        Assert.Equal(["Restore", "Compile", "Test", "Default"], result.Build.Ran);
    }

    [Fact]
    public void ShouldUseAfterAndBeforeForOrderOnly()
    {
        var alone = _harness.Run<PipelineBuild>("Pack");
        var together = _harness.Run<PipelineBuild>("Pack", "Clean", "Test");

        Assert.DoesNotContain("Test", alone.Build.Ran);
        Assert.DoesNotContain("Clean", alone.Build.Ran);
        Assert.True(together.Build.Ran.IndexOf("Clean") < together.Build.Ran.IndexOf("Restore"), string.Join(",", together.Build.Ran));
        Assert.True(together.Build.Ran.IndexOf("Test") < together.Build.Ran.IndexOf("Pack"), string.Join(",", together.Build.Ran));
    }

    [Fact]
    public void ShouldScheduleTriggeredTargetsAfterTheirTrigger()
    {
        var result = _harness.Run<PipelineBuild>("Pack");

        Assert.Equal(["Docs", "Pack", "Publish", "ImageBuild"], result.Build.Ran);
    }

    [Fact]
    public void ShouldAcceptTargetNamesInAnyCaseAndWithDashes()
    {
        var result = _harness.Run<PipelineBuild>("image-build", "--target", "COMPILE");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ImageBuild", "Restore", "Compile"], result.Build.Ran);
    }

    [Fact]
    public void ShouldRejectACycleNamingEveryTargetInIt()
    {
        var result = _harness.Run<CycleBuild>();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: targets form a cycle: A → C → B → A", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRejectATargetThatDependsOnItself()
    {
        var result = _harness.Run<SelfDependentBuild>();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("target Default depends on itself", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheClosestTargetWhenTheNameIsUnknown()
    {
        var result = _harness.Run<PipelineBuild>("Tset");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown target 'Tset': did you mean Test?", result.Output, StringComparison.Ordinal);
        Assert.Contains("available targets: Clean, Restore, Compile, Test, Lint, Audit, Default, Docs, Pack, Publish, ImageBuild", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Build.Ran);
    }

    [Fact]
    public void ShouldSkipEveryNonInvokedTargetWhenSkipHasNoNames()
    {
        var result = _harness.Run<PipelineBuild>("Test", "--skip");

        Assert.Equal(["Test"], result.Build.Ran);
        Assert.Matches(@"Compile\s+Skipped \(--skip\)", result.Output);
    }

    [Fact]
    public void ShouldCascadeSkipsToDependenciesNothingElseNeeds()
    {
        var result = _harness.Run<PipelineBuild>("Audit", "Test", "--skip", "Lint", "Compile");

        // Restore is needed only by the skipped Compile; Lint is skipped by name.
        Assert.Equal(["Audit", "Test"], result.Build.Ran);
        Assert.Matches(@"Restore\s+Skipped \(only needed by skipped targets\)", result.Output);
    }

    [Fact]
    public void ShouldKeepADependencyAnotherRunningTargetStillNeeds()
    {
        var result = _harness.Run<PipelineBuild>("Audit", "--skip", "Lint");

        Assert.Equal(["Restore", "Compile", "Audit"], result.Build.Ran);
    }

    [Fact]
    public void ShouldNeverSkipAnInvokedTarget()
    {
        var result = _harness.Run<PipelineBuild>("Compile", "--skip", "Compile", "Restore");

        Assert.Equal(["Compile"], result.Build.Ran);
    }

    [Fact]
    public void ShouldPrintThePlanAndWriteAMermaidGraphWithoutRunningAnything()
    {
        var result = _harness.Run<PipelineBuild>("--plan", "Pack");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Build.Ran);
        Assert.Contains("1. Docs", result.Output, StringComparison.Ordinal);
        Assert.Contains("2. Pack (invoked)", result.Output, StringComparison.Ordinal);
        var graph = (_harness.Root / ".nuke" / "temp" / "execution-plan.mmd").ReadAllText();
        Assert.Contains("Docs --> Pack", graph, StringComparison.Ordinal);
        Assert.Contains("Pack ==> Publish", graph, StringComparison.Ordinal);
    }
}
