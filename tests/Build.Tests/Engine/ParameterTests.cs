namespace AlphaPulse.Build.Tests.Engine;

public sealed class ParameterTests : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldFallBackToTheInitializerWhenNoSourceSetsAValue()
    {
        var build = _harness.Run<ParameterBuild>().Build;

        Assert.Equal(2, build.Replicas);
        Assert.Equal(DeployEnvironment.Development, build.Env);
        Assert.Equal(["BTC-USD"], build.Symbols);
    }

    [Fact]
    public void ShouldTakeEachSourceInPrecedenceOrder()
    {
        _harness.WithFile(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "ImageTag": "from-file", "Replicas": 3, "DryRun": true, "Symbols": ["A-B"] }""");
        _harness.WithFile(".nuke/parameters.ci.json", """{ "ImageTag": "from-profile", "Replicas": 4 }""");
        _harness.WithFile(".nuke/parameters.late.json", """{ "Replicas": 5 }""");
        _harness.Environment["NUKE_IMAGE_TAG"] = "from-environment";

        var fileOnly = _harness.Run<ParameterBuild>().Build;
        var profiles = _harness.Run<ParameterBuild>("--profile", "ci", "late").Build;
        var commandLine = _harness.Run<ParameterBuild>("--image-tag", "from-command-line", "--profile", "ci").Build;

        Assert.Equal(("from-environment", 3, true), (fileOnly.ImageTag, fileOnly.Replicas, fileOnly.DryRun));
        Assert.Equal(["A-B"], fileOnly.Symbols);
        Assert.Equal(("from-environment", 5), (profiles.ImageTag, profiles.Replicas));
        Assert.Equal(("from-command-line", 4), (commandLine.ImageTag, commandLine.Replicas));
    }

    [Theory]
    [InlineData("NUKE_IMAGE_TAG")]
    [InlineData("IMAGE_TAG")]
    [InlineData("ImageTag")]
    public void ShouldReadTheEnvironmentUnderEachOfItsNames(string variable)
    {
        _harness.Environment[variable] = "v1.2.3";

        Assert.Equal("v1.2.3", _harness.Run<ParameterBuild>().Build.ImageTag);
    }

    [Fact]
    public void ShouldIgnoreTheShellsOwnEnvVariableButHonourThePrefixedOne()
    {
        _harness.Environment["ENV"] = "/home/user/.shrc";
        _harness.Environment["TARGET"] = "Deploy";

        var shellOnly = _harness.Run<ParameterBuild>();
        _harness.Environment["NUKE_ENV"] = "staging";
        var prefixed = _harness.Run<ParameterBuild>();

        Assert.Equal(0, shellOnly.ExitCode);
        Assert.Equal(["Default"], shellOnly.Build.Ran);
        Assert.Equal(DeployEnvironment.Development, shellOnly.Build.Env);
        Assert.Equal(DeployEnvironment.Staging, prefixed.Build.Env);
    }

    [Fact]
    public void ShouldListTheAllowedValuesOfAnEnum()
    {
        var result = _harness.Run<ParameterBuild>("--env", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parameter --env has no value 'nope': allowed values are development, staging, production", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Build.Ran);
    }

    [Fact]
    public void ShouldListTheAllowedValuesOfAnEnumeration()
    {
        var valid = _harness.Run<ParameterBuild>("--verbosity", "quiet");
        var invalid = _harness.Run<ParameterBuild>("--verbosity", "loud");

        Assert.Equal(Verbosity.Quiet, valid.Build.Verbosity);
        Assert.Contains("parameter --verbosity has no value 'loud': allowed values are Quiet, Normal", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldExplainAValueOfTheWrongType()
    {
        var result = _harness.Run<ParameterBuild>("--replicas", "many");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parameter --replicas must be a whole number: got 'many'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSuggestTheClosestNameForAnUnknownParameter()
    {
        var result = _harness.Run<ParameterBuild>("--image-tga", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown parameter --image-tga: did you mean --image-tag?", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRejectAnUnknownKeyInAParametersFile()
    {
        _harness.WithFile(".nuke/parameters.json", """{ "ImageTga": "x" }""");

        var result = _harness.Run<ParameterBuild>();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(".nuke/parameters.json sets unknown parameter 'ImageTga': did you mean 'ImageTag'?", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldListTheAvailableProfilesWhenOneIsMissing()
    {
        _harness.WithFile(".nuke/parameters.staging.json", "{}");

        var result = _harness.Run<ParameterBuild>("--profile", "prod");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("profile file .nuke/parameters.prod.json does not exist: available profiles are staging", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldFailBeforeAnyTargetRunsWhenARequiredParameterIsMissing()
    {
        var result = _harness.Run<ParameterBuild>("All");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Build.Ran);
        Assert.Contains(
            "target Deploy requires parameter ImageTag, which has no value: pass --image-tag <value>, set the environment variable NUKE_IMAGE_TAG or IMAGE_TAG or ImageTag, or add \"ImageTag\" to .nuke/parameters.json",
            result.Output,
            StringComparison.Ordinal);
        Assert.Contains("target Smoke requires Replicas > 2, which is false", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldCheckRequirementsOfScheduledTargetsOnly()
    {
        var result = _harness.Run<ParameterBuild>("Prepare");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Prepare"], result.Build.Ran);
    }

    [Fact]
    public void ShouldNotCheckRequirementsOfSkippedTargets()
    {
        var result = _harness.Run<ParameterBuild>("All", "--skip", "Deploy", "Smoke");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Build.Ran);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("00:01:30", 90)]
    public void ShouldReadDurationsWithUnitsOrAsClockTime(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), _harness.Run<ParameterBuild>("--run-for", text).Build.RunFor);

    [Fact]
    public void ShouldExplainADurationItCannotRead()
    {
        var result = _harness.Run<ParameterBuild>("--run-for", "soon");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parameter --run-for must be a duration (90s, 5m, 2h or hh:mm:ss): got 'soon'", result.Output, StringComparison.Ordinal);
    }
}
