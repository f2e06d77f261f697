using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Audit;

/// <summary>
/// Turns the output of <c>dotnet format --verify-no-changes</c> or an analyzers-as-errors <c>dotnet build</c>
/// into a report section: one finding per distinct MSBuild diagnostic line
/// (<c>file(line,col): error CODE: message [project]</c>).
/// </summary>
public static partial class DiagnosticAudit
{
    /// <summary>
    /// A failing section when the tool exited non-zero or printed diagnostics; <paramref name="fix"/> is the
    /// command that repairs them (e.g. <c>dotnet format</c>), appended to every finding. File names are shown
    /// relative to <paramref name="rootDirectory"/> when given.
    /// </summary>
    public static AuditSection ToSection(string name, CommandOutput output, string fix, string? rootDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var diagnostics = Parse(output.StandardOutput + "\n" + output.StandardError);
        string Show(string file) => rootDirectory is null || !Path.IsPathRooted(file) ? file : Path.GetRelativePath(rootDirectory, file).Replace('\\', '/');
        var findings = diagnostics
            .Select(d => new AuditFinding($"{Show(d.File)}({d.Line},{d.Column})", $"{d.Level} {d.Code}: {d.Message} (fix: {fix})"))
            .ToList();
        if (findings.Count == 0 && output.ExitCode != 0)
        {
            var tail = output.StandardError.Trim() is { Length: > 0 } error ? error : output.StandardOutput.Trim();
            findings.Add(new AuditFinding(name, $"the check exited with code {output.ExitCode} without naming a diagnostic: {LastLines(tail, 5)}"));
        }
        var errors = diagnostics.Count(d => d.Level == "error");
        var warnings = diagnostics.Count - errors;
        var summary = findings.Count == 0 ? $"{name} clean" : $"{name}: {errors} errors, {warnings} warnings";
        return AuditSection.FromFindings(name, summary, findings);
    }

    /// <summary>The distinct diagnostics in MSBuild's canonical format, in order of first appearance.</summary>
    public static IReadOnlyList<Diagnostic> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new Diagnostic(
                match.Groups["file"].Value.Trim(),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["level"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            // MSBuild repeats every diagnostic in its closing summary.
            .Distinct()
            .ToList();
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    [GeneratedRegex(@"^\s*(?<file>[^()]+?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): (?<level>error|warning) (?<code>[A-Za-z]+\d+|[A-Z_]+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();
}

/// <summary>One compiler, analyzer or formatter diagnostic.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Level, string Code, string Message);
