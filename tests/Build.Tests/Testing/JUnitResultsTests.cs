using AlphaPulse.Build.Testing;

namespace AlphaPulse.Build.Tests.Testing;

public sealed class JUnitResultsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void ShouldCountPytestsReportWithFailuresAndErrorsAsFailed()
    {
        File.WriteAllText(_path, """
            <?xml version="1.0" encoding="utf-8"?>
            <testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="6">
              <testcase classname="test_a" name="test_ok" />
              <testcase classname="test_a" name="test_broken"><failure message="assert 1 == 2" /></testcase>
              <testcase classname="test_b" name="test_fixture"><error message="fixture failed" /></testcase>
            </testsuite></testsuites>
            """);

        var summary = JUnitResults.Read(_path);

        Assert.Equal((6, 3, 2, 1), (summary.Total, summary.Passed, summary.Failed, summary.Skipped));
        Assert.Equal(["test_a.test_broken", "test_b.test_fixture"], summary.FailedTests);
    }

    [Fact]
    public void ShouldAddToTheDotnetCountsForOneClosingLine()
    {
        File.WriteAllText(_path, """<testsuite name="pytest" errors="0" failures="0" skipped="0" tests="4"></testsuite>""");
        var dotnet = new TestRunSummary(10, 9, 1, 0, ["Some.Test"]);

        var both = dotnet.Add(JUnitResults.Read(_path));

        Assert.Equal("13 passed, 1 failed", both.ClosingLine);
        Assert.Equal(14, both.Total);
    }
}
