using System.Text.Json;

namespace AlphaPulse.Build.Monitoring;

/// <summary>A scrape target as Prometheus reports it: its job, URL and health (up, down or unknown = not scraped yet).</summary>
public sealed record ScrapeTarget(string Job, string ScrapeUrl, string Health, string LastError);

/// <summary>An alert as Prometheus reports it (state pending or firing).</summary>
public sealed record ActiveAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// The two calls of Prometheus's HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/)
/// Smoke and Up ask: which targets are up (<c>/api/v1/targets</c>) and which alerts are active
/// (<c>/api/v1/alerts</c>). Not thread-safe; one per check.
/// </summary>
public sealed class PrometheusApi(HttpClient http, Uri baseUrl)
{
    public Uri BaseUrl { get; } = baseUrl;

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await http.GetAsync(new Uri(BaseUrl, "/-/ready")).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync()
    {
        using var document = await GetAsync("/api/v1/targets?state=active").ConfigureAwait(false);
        return [.. document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(target => new ScrapeTarget(
            target.GetProperty("labels").TryGetProperty("job", out var job) ? job.GetString() ?? "" : "",
            target.GetProperty("scrapeUrl").GetString() ?? "",
            target.GetProperty("health").GetString() ?? "",
            target.TryGetProperty("lastError", out var error) ? error.GetString() ?? "" : ""))];
    }

    public async Task<IReadOnlyList<ActiveAlert>> AlertsAsync()
    {
        using var document = await GetAsync("/api/v1/alerts").ConfigureAwait(false);
        return [.. document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert =>
        {
            var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString() ?? "", StringComparer.Ordinal);
            return new ActiveAlert(labels.GetValueOrDefault("alertname", ""), alert.GetProperty("state").GetString() ?? "", labels);
        })];
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(BaseUrl, path)).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
            if (document.RootElement.GetProperty("status").GetString() != "success")
            {
                document.Dispose();
                throw new InvalidOperationException($"Prometheus answered {path} with status other than success");
            }
            return document;
        }
    }
}
