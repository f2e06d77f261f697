using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Testing;

/// <summary>The Python bindings' tests (tests/AlphaPulse.Bindings.Tests), run by Test after the dotnet tests.</summary>
partial class Build
{
    /// <summary>Debian's interpreter: python3-pytest, -numpy and -pandas are installed for it (a pyenv python3 on PATH has none).</summary>
    const string PythonInterpreter = "/usr/bin/python3";

    AbsolutePath PythonTestsDirectory => RootDirectory / "tests" / "AlphaPulse.Bindings.Tests";

    /// <summary>
    /// pytest against the library CompileBindings published, JUnit XML beside the TRX files. A dotnet test filter
    /// does not apply to pytest, so a filtered run leaves the Python tests out (and says so).
    /// </summary>
    TestRunSummary RunPythonTests()
    {
        if (TestFilter is not null)
        {
            Log.Information($"Python bindings tests not run: --test-filter selects dotnet tests only (run {PythonInterpreter} -m pytest {PythonTestsDirectory.RelativeTo(RootDirectory)})");
            return new TestRunSummary(0, 0, 0, 0, []);
        }
        var report = TestResultsDirectory / "AlphaPulse.Bindings.Tests.pytest.junit.xml";
        var environment = new Dictionary<string, string>(TestEnvironment)
        {
            ["ALPHAPULSE_LIB"] = BindingsDirectory / "libalphapulse.so",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };
        var run = ProcessTasks.Execute(PythonInterpreter, ["-m", "pytest", PythonTestsDirectory, "-p", "no:cacheprovider", "-q", $"--junitxml={report}"], environment: environment);
        if (!File.Exists(report))
        {
            throw new BuildException($"pytest exited with code {run.ExitCode} and wrote no JUnit report at {report.RelativeTo(RootDirectory)}: the Python tests did not run (install python3-pytest, python3-numpy and python3-pandas with apt)");
        }
        return JUnitResults.Read(report);
    }
}
