using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaPulse.Build.Audit;

/// <summary>
/// Writes the audit report as <c>audit-report.json</c> (for tools) and <c>audit-report.md</c> (for people),
/// both deterministic: same report, same bytes.
/// </summary>
public static class AuditReportWriter
{
    public const string JsonFileName = "audit-report.json";
    public const string MarkdownFileName = "audit-report.md";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes both files into <paramref name="directory"/> (typically <c>artifacts/audit</c>); returns their paths.</summary>
    public static IReadOnlyList<string> Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, JsonFileName);
        var markdown = Path.Combine(directory, MarkdownFileName);
        File.WriteAllText(json, ToJson(report));
        File.WriteAllText(markdown, ToMarkdown(report));
        return [json, markdown];
    }

    public static string ToJson(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new
        {
            passed = report.Passed,
            summary = report.SummaryLine,
            sections = report.Sections,
        };
        return JsonSerializer.Serialize(document, JsonOptions) + "\n";
    }

    public static string ToMarkdown(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("# Audit report\n\n");
        text.Append($"**{(report.Passed ? "PASS" : "FAIL")}** — {report.SummaryLine}\n\n");
        text.Append("| section | status | summary |\n|---|---|---|\n");
        foreach (var section in report.Sections)
        {
            text.Append($"| {section.Name} | {StatusWord(section.Status)} | {Cell(section.Summary)} |\n");
        }
        foreach (var section in report.Sections)
        {
            text.Append($"\n## {section.Name}: {StatusWord(section.Status)}\n\n");
            if (section.Findings.Count == 0)
            {
                text.Append("No findings.\n");
                continue;
            }
            foreach (var finding in section.Findings)
            {
                text.Append($"- `{finding.Subject}`: {finding.Message}\n");
            }
        }
        return text.ToString();
    }

    private static string StatusWord(AuditStatus status) => status switch
    {
        AuditStatus.Pass => "pass",
        AuditStatus.Fail => "FAIL",
        _ => "unverified",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
