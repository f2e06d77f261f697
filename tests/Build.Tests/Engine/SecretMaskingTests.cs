namespace AlphaPulse.Build.Tests.Engine;

public sealed class SecretMaskingTests : IDisposable
{
    private const string Password = "hunter2-s3cr3t";
    private readonly BuildHarness _harness = new();

    public SecretMaskingTests() => _harness.Environment["REGISTRY_PASSWORD"] = Password;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void ShouldMaskASecretInTargetOutput()
    {
        var result = _harness.Run<ParameterBuild>("PrintSecret");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("password is ***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldMaskASecretInAnExceptionMessage()
    {
        var result = _harness.Run<ParameterBuild>("FailWithSecret");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("login failed for ***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldMaskASecretInAFailingToolsOutputAndInTheFailureMessage()
    {
        var result = _harness.Run<ParameterBuild>("ToolWithSecret");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("using ***", result.Output, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", result.Output, StringComparison.Ordinal);
        Assert.Contains("denied: ***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldMaskASecretSplitAcrossWrites()
    {
        var masker = new AlphaPulse.Build.Engine.SecretMasker();
        masker.Add(Password);
        var inner = new StringWriter();
        using var writer = new AlphaPulse.Build.Engine.MaskingTextWriter(inner, masker);

        writer.Write("token=" + Password[..5]);
        writer.Write(Password[5..] + " end\n");

        Assert.Equal("token=*** end\n", inner.ToString());
    }

    [Fact]
    public void ShouldNotPrintASecretInAConversionError()
    {
        var result = _harness.Run<ParameterBuild>("--registry-password", Password, "--replicas", "x");

        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
    }
}
