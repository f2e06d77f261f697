using System.Globalization;
using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Mutation;

/// <summary>
/// The lines the Mutate target prints for one project: the score, then every file with its score and
/// each surviving mutant (line, mutator, the code it put there). Stateless.
/// </summary>
public static partial class MutationSummary
{
    private const int ReplacementLength = 80;

    public static IEnumerable<string> Lines(string project, MutationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return string.Create(CultureInfo.InvariantCulture, $"{project}: mutation score {report.Score:0.0} % ({report.Tally})");
        foreach (var file in report.Files.Where(file => file.Detected + file.Undetected > 0))
        {
            var survivors = file.Survivors.ToList();
            yield return string.Create(CultureInfo.InvariantCulture, $"  {file.Path}: {file.Score:0.0} %, {survivors.Count} surviving");
            foreach (var mutant in survivors)
            {
                var status = mutant.Status == MutantStatus.NoCoverage ? " (no test runs it)" : "";
                yield return string.Create(CultureInfo.InvariantCulture, $"    line {mutant.Line}: {mutant.Mutator}{status}: {Shorten(mutant.Replacement)}");
            }
        }
    }

    private static string Shorten(string replacement)
    {
        var oneLine = Whitespace().Replace(replacement, " ").Trim();
        return oneLine.Length <= ReplacementLength ? oneLine : string.Concat(oneLine.AsSpan(0, ReplacementLength - 1), "…");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
