using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlphaPulse.Build.Audit;

/// <summary>
/// Writes the audit report as <c>audit-report.json</c> (for tools) and <c>audit-report.md</c> (for people),
/// both deterministic: same report, same bytes.
/// </summary>
public static class AuditReportWriter
{
    public const string JsonFileName = "audit-report.json";
    public const string MarkdownFileName = "audit-report.md";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
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

    /// <summary>The report as JSON, written field by field (no reflection, so it works trimmed and AOT-compiled too).</summary>
    public static string ToJson(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("passed", report.Passed);
            json.WriteString("summary", report.SummaryLine);
            json.WriteStartArray("sections");
            foreach (var section in report.Sections)
            {
                json.WriteStartObject();
                json.WriteString("name", section.Name);
                json.WriteString("status", section.Status.ToString().ToLowerInvariant());
                json.WriteString("summary", section.Summary);
                json.WriteStartArray("findings");
                foreach (var finding in section.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("subject", finding.Subject);
                    json.WriteString("message", finding.Message);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
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
