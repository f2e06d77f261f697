using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Testing;

partial class Build
{
    [Parameter("Only run tests whose fully qualified name matches this dotnet test filter")]
    readonly string? TestFilter;

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    TestRunSummary? TestRun;

    Target Test => _ => _
        .Description("Run every test project and the Python bindings' pytest suite; TRX and JUnit results under artifacts/test-results")
        .DependsOn(Compile)
        .Produces(TestResultsDirectory)
        .Executes(() =>
        {
            TestResultsDirectory.DeleteDirectory();
            var run = ProcessTasks.Execute("dotnet", TestArguments(), environment: TestEnvironment);
            var trx = TestResultsDirectory.GlobFiles("*.trx").Select(path => (string)path).ToList();
            TestRun = TestRunSummary.FromTrxFiles(trx).Add(RunPythonTests());
            ReportSummary("passed", TestRun.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ReportSummary("failed", TestRun.Failed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ReportSummary("skipped", TestRun.Skipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (TestRun.Failed > 0)
            {
                throw new BuildException($"{TestRun.Failed} of {TestRun.Total} tests failed: {string.Join(", ", TestRun.FailedTests.Take(10))} (results in {TestResultsDirectory.RelativeTo(RootDirectory)})");
            }
            if (trx.Count == 0 || run.ExitCode != 0)
            {
                throw new BuildException($"dotnet test exited with code {run.ExitCode} and {trx.Count} TRX files in {TestResultsDirectory.RelativeTo(RootDirectory)}: a test project did not run (see its output above)");
            }
        });

    string[] TestArguments()
    {
        string[] arguments =
        [
            // One test project at a time: several suites start real servers and child processes, and on
            // two cores running them side by side starves the timing-sensitive ones (slow consumers, A/B).
            "test", SolutionFile, "--no-build", "-c", Configuration, "-m:1",
            "--results-directory", TestResultsDirectory,
            "--logger", "trx",
            "--logger", $"junit;LogFilePath={TestResultsDirectory}/{{assembly}}.junit.xml;MethodFormat=Class;FailureBodyFormat=Verbose",
            "--logger", "console;verbosity=normal",
            // No test needs more than a minute: one still running after five is hung. The blame
            // collector then stops the test host and names the test, instead of CI waiting forever.
            "--blame-hang-timeout", "5m", "--blame-hang-dump-type", "none",
        ];
        return TestFilter is null ? arguments : [.. arguments, "--filter", TestFilter];
    }

    // Tests that start child processes find the repository and the configuration through these.
    Dictionary<string, string> TestEnvironment => new()
    {
        ["ALPHAPULSE_ROOT"] = RootDirectory,
        ["ALPHAPULSE_CONFIGURATION"] = Configuration,
    };

    protected override IEnumerable<string> ClosingLines() => TestRun is null ? [] : [TestRun.ClosingLine];
}
