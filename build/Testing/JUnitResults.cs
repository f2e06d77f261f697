using System.Xml.Linq;

namespace AlphaPulse.Build.Testing;

/// <summary>
/// The counts of a JUnit XML report (pytest's <c>--junitxml</c>), as a <see cref="TestRunSummary"/> so they join the
/// TRX counts in the Test target's closing line.
/// </summary>
public static class JUnitResults
{
    public static TestRunSummary Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"JUnit file has no root element: {path} (was the test run interrupted?)");
        var suites = root.Name.LocalName == "testsuite" ? [root] : root.Elements("testsuite").ToList();
        int total = 0, failed = 0, skipped = 0;
        foreach (var suite in suites)
        {
            total += Count(suite, "tests");
            failed += Count(suite, "failures") + Count(suite, "errors");
            skipped += Count(suite, "skipped");
        }
        var failedTests = suites.SelectMany(suite => suite.Elements("testcase"))
            .Where(test => test.Element("failure") is not null || test.Element("error") is not null)
            .Select(test => $"{(string?)test.Attribute("classname")}.{(string?)test.Attribute("name")}")
            .ToList();
        return new TestRunSummary(total, total - failed - skipped, failed, skipped, failedTests);
    }

    private static int Count(XElement suite, string name) => (int?)suite.Attribute(name) ?? 0;
}
