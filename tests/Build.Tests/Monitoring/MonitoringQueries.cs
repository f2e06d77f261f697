using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaPulse.Build.Monitoring;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>A PromQL expression and where it is written (rule file and rule, or dashboard and panel).</summary>
internal sealed record MonitoringQuery(string Where, string Expression);

/// <summary>
/// Every query the monitoring configuration runs — recording rules, alert rules, dashboard panels,
/// annotations and variables — and the check that each names only series the services export.
/// </summary>
internal static partial class MonitoringQueries
{
    /// <summary>Series Prometheus makes itself rather than scraping them.</summary>
    private static readonly HashSet<string> Synthetic = new(StringComparer.Ordinal) { "up", "ALERTS" };

    private static readonly string[] HistogramSeries = ["_bucket", "_sum", "_count"];

    public static IReadOnlyList<MonitoringQuery> RuleQueries(string root) =>
    [
        .. RulesOf(Path.Combine(root, MonitoringFiles.RecordingRules)),
        .. RulesOf(Path.Combine(root, MonitoringFiles.AlertRules)),
    ];

    public static IReadOnlySet<string> RecordedNames(string root) =>
        RuleFile.Read(Path.Combine(root, MonitoringFiles.RecordingRules)).Where(rule => rule.Kind == RuleFile.Record).Select(rule => rule.Name).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<MonitoringQuery> DashboardQueries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var name = Path.GetFileName(path);
        var queries = new List<MonitoringQuery>();
        foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray().Where(panel => panel.TryGetProperty("targets", out _)))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                queries.Add(new MonitoringQuery($"{name} panel \"{panel.GetProperty("title").GetString()}\"", target.GetProperty("expr").GetString() ?? ""));
            }
        }
        foreach (var annotation in document.RootElement.GetProperty("annotations").GetProperty("list").EnumerateArray().Where(annotation => annotation.TryGetProperty("expr", out _)))
        {
            queries.Add(new MonitoringQuery($"{name} annotation {annotation.GetProperty("name").GetString()}", annotation.GetProperty("expr").GetString() ?? ""));
        }
        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Where(variable => variable.GetProperty("type").GetString() == "query"))
        {
            var definition = variable.GetProperty("definition").GetString() ?? "";
            var match = LabelValues().Match(definition);
            queries.Add(new MonitoringQuery($"{name} variable {variable.GetProperty("name").GetString()}", match.Success ? match.Groups["metric"].Value : definition));
        }
        return queries;
    }

    /// <summary>"where: name" for every name a query reads that is neither exported, recorded nor synthetic.</summary>
    public static IReadOnlyList<string> UnknownNames(IEnumerable<MonitoringQuery> queries, IReadOnlyDictionary<string, string> exported, IReadOnlySet<string> recorded) =>
        [.. queries.SelectMany(query => PromQlNames.Of(query.Expression)
            .Where(name => !Synthetic.Contains(name) && !recorded.Contains(name) && !IsExported(name, exported))
            .Select(name => $"{query.Where}: {name}"))];

    private static bool IsExported(string name, IReadOnlyDictionary<string, string> exported) =>
        exported.ContainsKey(name)
        || HistogramSeries.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal) && exported.GetValueOrDefault(name[..^suffix.Length]) == "histogram");

    private static IEnumerable<MonitoringQuery> RulesOf(string path) =>
        RuleFile.Read(path).Select(rule => new MonitoringQuery($"{Path.GetFileName(path)} {rule.Kind} {rule.Name}", rule.Expression));

    [GeneratedRegex(@"label_values\((?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();
}
