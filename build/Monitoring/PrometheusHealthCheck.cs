using System.Diagnostics;
using AlphaPulse.Build.Delivery;

namespace AlphaPulse.Build.Monitoring;

/// <summary>
/// What Smoke and <c>Up --monitoring</c> ask Prometheus: is every target scraped and up, and does no
/// alert fire? Targets not scraped yet (health "unknown") are waited for until the deadline; a healthy
/// stack must then show no firing alert. Pending alerts are reported, not failed: their <c>for</c> has
/// not passed.
/// </summary>
public sealed class PrometheusHealthCheck(PrometheusApi api, TimeSpan deadline)
{
    public async Task<IReadOnlyList<Check>> RunAsync()
    {
        var checks = new List<Check>();
        if (!await api.IsReadyAsync().ConfigureAwait(false))
        {
            checks.Add(new Check("prometheus", false, $"{api.BaseUrl} does not answer /-/ready (is it running? ./build.sh Up --monitoring starts one)"));
            return checks;
        }
        var stopwatch = Stopwatch.StartNew();
        var targets = await api.TargetsAsync().ConfigureAwait(false);
        while (stopwatch.Elapsed < deadline && (targets.Count == 0 || targets.Any(target => target.Health != "up")))
        {
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            targets = await api.TargetsAsync().ConfigureAwait(false);
        }
        checks.Add(new Check("prometheus targets", targets.Count > 0, $"{targets.Count} targets discovered at {api.BaseUrl}"));
        foreach (var target in targets.OrderBy(target => target.ScrapeUrl, StringComparer.Ordinal))
        {
            checks.Add(new Check($"prometheus target {target.Job} {target.ScrapeUrl}", target.Health == "up",
                target.Health == "up" ? "up" : $"{target.Health} after {stopwatch.Elapsed.TotalSeconds:F0} s{(target.LastError.Length > 0 ? $": {target.LastError}" : "")}"));
        }
        var alerts = await api.AlertsAsync().ConfigureAwait(false);
        var firing = alerts.Where(alert => alert.State == "firing").ToList();
        var pending = alerts.Where(alert => alert.State == "pending").Select(Describe).ToList();
        checks.Add(new Check("prometheus alerts", firing.Count == 0,
            (firing.Count == 0 ? "none firing" : $"firing: {string.Join(", ", firing.Select(Describe))}") + (pending.Count > 0 ? $"; pending: {string.Join(", ", pending)}" : "")));
        return checks;
    }

    private static string Describe(ActiveAlert alert) =>
        alert.Name + "{" + string.Join(",", alert.Labels.Where(label => label.Key is not ("alertname" or "severity")).Select(label => $"{label.Key}={label.Value}")) + "}";
}
