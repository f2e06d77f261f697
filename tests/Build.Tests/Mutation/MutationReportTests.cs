using AlphaPulse.Build.Mutation;

namespace AlphaPulse.Build.Tests.Mutation;

public sealed class MutationReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alphapulse-mutation-report").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The shape Stryker.NET 5 writes (mutation-testing-report-schema 2), cut to two files.</summary>
    private const string Report = """
        {"schemaVersion":"2","thresholds":{"high":80,"low":60,"break":0},"projectRoot":"/repo/source/AlphaPulse.Core",
         "files":{
          "/repo/source/AlphaPulse.Core/SharedMemory/RingWriter.cs":{"language":"cs","source":"...","mutants":[
            {"id":"1","mutatorName":"Equality mutation","replacement":"i > file.SlotCount","location":{"start":{"line":230,"column":29},"end":{"line":230,"column":47}},"status":"Survived","static":false},
            {"id":"2","mutatorName":"Arithmetic mutation","replacement":"+sequence","location":{"start":{"line":160,"column":9},"end":{"line":160,"column":18}},"status":"Killed","static":false},
            {"id":"3","mutatorName":"Block removal mutation","replacement":"{}","location":{"start":{"line":170,"column":9},"end":{"line":175,"column":10}},"status":"Timeout","static":false},
            {"id":"4","mutatorName":"String mutation","replacement":"\"\"","location":{"start":{"line":200,"column":9},"end":{"line":200,"column":20}},"status":"NoCoverage","static":false},
            {"id":"5","mutatorName":"Boolean mutation","replacement":"false","location":{"start":{"line":100,"column":9},"end":{"line":100,"column":13}},"status":"CompileError","static":false},
            {"id":"6","mutatorName":"Statement mutation","replacement":";","location":{"start":{"line":90,"column":9},"end":{"line":90,"column":13}},"status":"Ignored","static":false}]},
          "/repo/source/AlphaPulse.Core/Books/OrderBook.cs":{"language":"cs","source":"...","mutants":[
            {"id":"7","mutatorName":"Logical mutation","replacement":"_bids.Count > 0 ||\n            _asks.Count > 0","location":{"start":{"line":33,"column":5},"end":{"line":33,"column":40}},"status":"Killed","static":false}]}
         },
         "testFiles":{}}
        """;

    private MutationReport Read(string json)
    {
        var path = Path.Combine(_directory, "mutation-report.json");
        File.WriteAllText(path, json);
        return MutationReport.Read(path, "/repo/source/AlphaPulse.Core");
    }

    [Fact]
    public void ShouldScoreDetectedOverDetectedAndUndetectedAsStrykerDoes()
    {
        var report = Read(Report);

        // Killed 2 + timeout 1 detected; survived 1 + no coverage 1 undetected; compile errors and ignored do not count.
        Assert.Equal((3, 2), (report.Detected, report.Undetected));
        Assert.Equal(60, report.Score, precision: 6);
        Assert.Equal("2 killed, 1 timeout, 1 survived, 1 no coverage, 1 compile errors", report.Tally);
    }

    [Fact]
    public void ShouldScoreEachFileAndNameItRelativeToTheProject()
    {
        var report = Read(Report);

        Assert.Equal(["Books/OrderBook.cs", "SharedMemory/RingWriter.cs"], report.Files.Select(file => file.Path));
        Assert.Equal([100.0, 50.0], report.Files.Select(file => file.Score));
        Assert.Equal([200, 230], report.Files[1].Survivors.Select(mutant => mutant.Line));
    }

    [Fact]
    public void ShouldPrintTheScoreThenEachFileWithItsSurvivingMutants()
    {
        var lines = MutationSummary.Lines("core", Read(Report)).ToList();

        Assert.Equal(
        [
            "core: mutation score 60.0 % (2 killed, 1 timeout, 1 survived, 1 no coverage, 1 compile errors)",
            "  Books/OrderBook.cs: 100.0 %, 0 surviving",
            "  SharedMemory/RingWriter.cs: 50.0 %, 2 surviving",
            "    line 200: String mutation (no test runs it): \"\"",
            "    line 230: Equality mutation: i > file.SlotCount",
        ], lines);
    }

    [Fact]
    public void ShouldScoreAProjectWithNothingToScoreAsFull() =>
        Assert.Equal(100, Read("""{"files":{}}""").Score);

    [Fact]
    public void ShouldRefuseAReportThatIsNotStrykers()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("""{"files":{"a.cs":{"mutants":[{"status":"Survived"}]}}}"""));
        Assert.Contains("--reporter json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAnUnknownMutantStatus()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(Report.Replace("\"Survived\"", "\"Lost\"", StringComparison.Ordinal)));
        Assert.Contains("unknown mutant status 'Lost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheMissingReport()
    {
        var error = Assert.Throws<FileNotFoundException>(() => MutationReport.Read(Path.Combine(_directory, "none.json"), _directory));
        Assert.Contains("Stryker wrote no JSON report", error.Message, StringComparison.Ordinal);
    }
}
