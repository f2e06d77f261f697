using System.Globalization;
using System.Text.RegularExpressions;

namespace AlphaPulse.Build.Monitoring;

/// <summary>One alerting rule of <see cref="MonitoringFiles.AlertRules"/>.</summary>
public sealed record AlertRule(string Name, string Expression, string Severity)
{
    private static readonly Regex TrailingThreshold = new(@">\s*(?<value>[0-9][0-9.eE+\-]*)\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// N of an expression of the form <c>query &gt; N</c>: what Deploy's validation holds a deployed
    /// version to, so the alert and the validation cannot disagree.
    /// </summary>
    public double Threshold
    {
        get
        {
            var match = TrailingThreshold.Match(Expression);
            return match.Success && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidDataException($"alert {Name} must end in `> <number>` for validation to read its threshold; it is `{Expression}` ({MonitoringFiles.AlertRules})");
        }
    }
}

/// <summary>
/// Reads the alerting rules of a Prometheus rule file (groups → rules with <c>alert</c>); recording rules
/// are skipped. The one place Deploy's validation and Smoke take their latency and data-age thresholds from.
/// </summary>
public static class AlertRules
{
    public const string ShmLatencyHigh = "ShmLatencyHigh";
    public const string ExchangeDataStale = "ExchangeDataStale";

    public static IReadOnlyList<AlertRule> Load(string path) =>
        [.. RuleFile.Read(path).Where(rule => rule.Kind == RuleFile.Alert).Select(rule => new AlertRule(rule.Name, rule.Expression, rule.Severity))];

    public static AlertRule Find(IReadOnlyList<AlertRule> rules, string name) =>
        rules.FirstOrDefault(rule => rule.Name == name)
            ?? throw new InvalidDataException($"{MonitoringFiles.AlertRules} has no alert {name}; Deploy's validation reads its threshold from it (restore the alert or rename it in {nameof(AlertRules)})");
}
