using System.Xml.Linq;

namespace AlphaPulse.Build.Testing;

/// <summary>
/// The counts of one test run, summed from the TRX files <c>dotnet test</c> wrote (one per test project).
/// </summary>
public sealed record TestRunSummary(int Total, int Passed, int Failed, int Skipped, IReadOnlyList<string> FailedTests)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static TestRunSummary FromTrxFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        int total = 0, passed = 0, failed = 0, skipped = 0;
        var failedTests = new List<string>();
        foreach (var path in paths)
        {
            var document = XDocument.Load(path);
            var counters = document.Root?.Element(Trx + "ResultSummary")?.Element(Trx + "Counters")
                ?? throw new InvalidDataException($"TRX file has no ResultSummary/Counters: {path} (was the test run interrupted?)");
            total += Count(counters, "total");
            passed += Count(counters, "passed");
            failed += Count(counters, "failed") + Count(counters, "error") + Count(counters, "timeout") + Count(counters, "aborted");
            skipped += Count(counters, "notExecuted");
            failedTests.AddRange(document.Descendants(Trx + "UnitTestResult")
                .Where(result => (string?)result.Attribute("outcome") is "Failed" or "Error" or "Timeout" or "Aborted")
                .Select(result => (string?)result.Attribute("testName") ?? "?"));
        }
        return new TestRunSummary(total, passed, failed, skipped, failedTests);
    }

    /// <summary>Both runs' counts together (the dotnet TRX files and the pytest JUnit report).</summary>
    public TestRunSummary Add(TestRunSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TestRunSummary(Total + other.Total, Passed + other.Passed, Failed + other.Failed, Skipped + other.Skipped, [.. FailedTests, .. other.FailedTests]);
    }

    /// <summary>The closing line CI reads: <c>N passed, N failed</c> (and skipped when any were).</summary>
    public string ClosingLine => Skipped > 0 ? $"{Passed} passed, {Failed} failed, {Skipped} skipped" : $"{Passed} passed, {Failed} failed";

    private static int Count(XElement counters, string name) => (int?)counters.Attribute(name) ?? 0;
}
