using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>
/// The monitoring configuration as Prometheus itself reads it: <c>promtool check rules</c>,
/// <c>check config</c>, and every rule unit test file (<c>promtool test rules</c>).
/// </summary>
public sealed class PromtoolRuleTests
{
    private static readonly string Root = TestPaths.RepositoryRoot();

    public static TheoryData<string> RuleTestFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, MonitoringFiles.RuleTestsDirectory), "*.test.yml").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(file));
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(RuleTestFiles))]
    public void ShouldPassEveryRuleUnitTest(string file)
    {
        var (exitCode, output) = Promtool.Run("test", "rules", Path.Combine(Root, MonitoringFiles.RuleTestsDirectory, file));
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldTestEveryAlertInTheRuleUnitTests()
    {
        var tested = string.Concat(Directory.GetFiles(Path.Combine(Root, MonitoringFiles.RuleTestsDirectory), "*.test.yml").Select(File.ReadAllText));
        var untested = AlertRules.Load(Path.Combine(Root, MonitoringFiles.AlertRules)).Where(rule => !tested.Contains($"alertname: {rule.Name}\n", StringComparison.Ordinal)).Select(rule => rule.Name).ToList();
        Assert.True(untested.Count == 0, $"alerts without a promtool unit test: {string.Join(", ", untested)}");
    }

    [Fact]
    public void ShouldPassPromtoolCheckRules()
    {
        var (exitCode, output) = Promtool.Run("check", "rules", Path.Combine(Root, MonitoringFiles.AlertRules), Path.Combine(Root, MonitoringFiles.RecordingRules));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void ShouldPassPromtoolCheckConfigForTheLocalStack()
    {
        var (exitCode, output) = Promtool.Run("check", "config", Path.Combine(Root, MonitoringFiles.LocalConfig));
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 2 rule files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldPassPromtoolCheckConfigForKubernetesWithDiscoveryStandingIn()
    {
        // Debian builds Prometheus without Kubernetes discovery, so its promtool refuses
        // kubernetes_sd_configs; everything else of the file (relabelling, rule files) is checked with a
        // static target standing in for the discovered pods.
        using var folder = new TempDirectory();
        var config = KubernetesScrapeConfig.WithStaticTargets(File.ReadAllText(Path.Combine(Root, MonitoringFiles.KubernetesConfig)));
        var path = folder.Write("prometheus.yml", config);
        foreach (var rules in Directory.GetFiles(Path.Combine(Root, MonitoringFiles.RulesDirectory)))
        {
            folder.Write(Path.Combine("rules", Path.GetFileName(rules)), File.ReadAllText(rules));
        }
        var (exitCode, output) = Promtool.Run("check", "config", path);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 2 rule files found", output, StringComparison.Ordinal);
    }
}
