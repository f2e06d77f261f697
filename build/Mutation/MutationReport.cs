using System.Globalization;
using System.Text.Json;

namespace AlphaPulse.Build.Mutation;

/// <summary>What a mutant's test run showed, as Stryker's JSON report names it (mutation-testing-report-schema).</summary>
public enum MutantStatus
{
    Killed,
    Timeout,
    Survived,
    NoCoverage,
    CompileError,
    RuntimeError,
    Ignored,
    Pending,
}

/// <summary>One mutant: where it was placed, what it changed, and whether a test noticed.</summary>
public sealed record Mutant(int Line, string Mutator, string Replacement, MutantStatus Status)
{
    /// <summary>A test failed (killed) or the run hung (timeout): the tests notice this change.</summary>
    public bool IsDetected => Status is MutantStatus.Killed or MutantStatus.Timeout;

    /// <summary>No test failed, whether the code ran under test or not.</summary>
    public bool IsUndetected => Status is MutantStatus.Survived or MutantStatus.NoCoverage;
}

/// <summary>The mutants of one source file, and its score.</summary>
public sealed record MutatedFile(string Path, IReadOnlyList<Mutant> Mutants)
{
    public int Detected => Mutants.Count(mutant => mutant.IsDetected);

    public int Undetected => Mutants.Count(mutant => mutant.IsUndetected);

    /// <summary>Detected ÷ (detected + undetected) in percent; compile errors and ignored mutants do not count. 100 with nothing to score.</summary>
    public double Score => MutationReport.ScoreOf(Detected, Undetected);

    public IEnumerable<Mutant> Survivors => Mutants.Where(mutant => mutant.IsUndetected).OrderBy(mutant => mutant.Line);
}

/// <summary>
/// Stryker.NET's <c>mutation-report.json</c> reduced to what the Mutate target prints and gates on:
/// per-file mutants and the project's mutation score, computed as Stryker computes it.
/// </summary>
public sealed record MutationReport(IReadOnlyList<MutatedFile> Files)
{
    public int Detected => Files.Sum(file => file.Detected);

    public int Undetected => Files.Sum(file => file.Undetected);

    public double Score => ScoreOf(Detected, Undetected);

    public int Count(MutantStatus status) => Files.Sum(file => file.Mutants.Count(mutant => mutant.Status == status));

    /// <summary>Killed, timeout, survived, no coverage and compile-error counts, as one line.</summary>
    public string Tally => string.Create(CultureInfo.InvariantCulture,
        $"{Count(MutantStatus.Killed)} killed, {Count(MutantStatus.Timeout)} timeout, {Count(MutantStatus.Survived)} survived, {Count(MutantStatus.NoCoverage)} no coverage, {Count(MutantStatus.CompileError)} compile errors");

    public static double ScoreOf(int detected, int undetected) =>
        detected + undetected == 0 ? 100 : 100.0 * detected / (detected + undetected);

    /// <summary>Reads a report; file paths are made relative to <paramref name="projectDirectory"/> when they lie under it.</summary>
    public static MutationReport Read(string path, string projectDirectory)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Stryker wrote no JSON report: {path} is missing (see Stryker's output above)", path);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var files = new List<MutatedFile>();
            foreach (var file in document.RootElement.GetProperty("files").EnumerateObject())
            {
                var mutants = file.Value.GetProperty("mutants").EnumerateArray().Select(ReadMutant).ToList();
                files.Add(new MutatedFile(Relative(file.Name, projectDirectory), mutants));
            }

            return new MutationReport([.. files.OrderBy(file => file.Path, StringComparer.Ordinal)]);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"a Stryker JSON report has files with mutants, each with a location and a status: {path}: {exception.Message} (run Stryker 5.x with --reporter json)", exception);
        }
    }

    private static Mutant ReadMutant(JsonElement mutant)
    {
        var status = mutant.GetProperty("status").GetString();
        return new Mutant(
            mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32(),
            mutant.GetProperty("mutatorName").GetString() ?? "",
            mutant.TryGetProperty("replacement", out var replacement) ? replacement.GetString() ?? "" : "",
            Enum.TryParse<MutantStatus>(status, ignoreCase: false, out var parsed)
                ? parsed
                : throw new FormatException($"unknown mutant status '{status}'"));
    }

    private static string Relative(string file, string projectDirectory)
    {
        var relative = Path.IsPathRooted(file) ? Path.GetRelativePath(projectDirectory, file) : file;
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative.Replace('\\', '/');
    }
}
