using AlphaPulse.Build.Docker;

namespace AlphaPulse.Build.Tests.Docker;

public sealed class DockerIgnoreTests
{
    private static readonly DockerIgnore Rules = DockerIgnore.Parse("""
        # comment
        **/bin
        **/obj
        .git
        artifacts
        !artifacts/publish
        *.md
        docs/*.tmp
        """);

    [Theory]
    [InlineData("source/AlphaPulse.Collector/bin/Release/a.dll")]
    [InlineData("bin/x")]
    [InlineData(".git/HEAD")]
    [InlineData("artifacts/bench/shm.json")]
    [InlineData("README.md")]
    [InlineData("docs/x.tmp")]
    public void ShouldExcludeWhatAPatternOrAParentFolderMatches(string path) => Assert.True(Rules.IsExcluded(path));

    [Theory]
    [InlineData("source/AlphaPulse.Collector/Program.cs")]
    [InlineData("artifacts/publish/collector/AlphaPulse.Collector")]
    [InlineData("docs/sub/readme.txt")]
    [InlineData("binaries/x")]
    [InlineData("deploy/docker/Dockerfile.collector")]
    public void ShouldKeepWhatNoPatternMatchesOrTheLastMatchReincludes(string path) => Assert.False(Rules.IsExcluded(path));

    [Fact]
    public void ShouldNotMatchAcrossFoldersWithASingleStar() => Assert.False(Rules.IsExcluded("docs/sub/x.tmp"));

    [Fact]
    public void ShouldLetALaterPatternExcludeAgainWhatAnEarlierOneReincluded()
    {
        var rules = DockerIgnore.Parse("artifacts\n!artifacts/publish", ["artifacts/publish", "!artifacts/publish/collector"]);

        Assert.False(rules.IsExcluded("artifacts/publish/collector/app"));
        Assert.True(rules.IsExcluded("artifacts/publish/simulator/app"));
    }

    [Fact]
    public void ShouldSkipAnExcludedFolderOnlyWhenNothingBelowItIsReincluded()
    {
        Assert.True(Rules.CanSkipDirectory(".git"));
        Assert.False(Rules.CanSkipDirectory("artifacts"));
        Assert.False(Rules.CanSkipDirectory("source"));
    }

    [Fact]
    public void ShouldTreatALeadingSlashAndDotSegmentsAsTheContextRoot() =>
        Assert.True(DockerIgnore.Parse("/./tests").IsExcluded("tests/a/b.cs"));
}
