using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AlphaPulse.Build.Local;

/// <summary>
/// The compact live status of the local stack, one line per call: each service's message rate (from
/// its counter's change since the last call), whether it is ready, and its shared-memory latency.
/// </summary>
internal sealed class StatusLine(HttpClient http, IReadOnlyList<LocalService> services)
{
    private readonly Dictionary<string, (double Count, long Timestamp)> _previous = new(StringComparer.Ordinal);

    public string Next()
    {
        var line = new StringBuilder(DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        foreach (var service in services.Where(service => service.StatusMetric is not null))
        {
            line.Append(" | ").Append(service.Name).Append(' ').Append(Describe(service));
        }
        return line.ToString();
    }

    private string Describe(LocalService service)
    {
        string metrics;
        bool ready;
        try
        {
            metrics = http.GetStringAsync(service.MetricsUrl).GetAwaiter().GetResult();
            using var response = http.GetAsync(service.ReadyUrl).GetAwaiter().GetResult();
            ready = response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return "unreachable";
        }
        var now = Stopwatch.GetTimestamp();
        var count = PrometheusText.Sum(metrics, service.StatusMetric!) ?? 0;
        var rate = _previous.TryGetValue(service.Name, out var previous) && now > previous.Timestamp
            ? (count - previous.Count) / Stopwatch.GetElapsedTime(previous.Timestamp, now).TotalSeconds
            : 0;
        _previous[service.Name] = (count, now);
        var latencySum = PrometheusText.Sum(metrics, "alphapulse_shared_memory_latency_microseconds_sum");
        var latencyCount = PrometheusText.Sum(metrics, "alphapulse_shared_memory_latency_microseconds_count");
        var latency = latencySum is { } sum && latencyCount is > 0 ? $" shm {(sum / latencyCount.Value).ToString("0.0", CultureInfo.InvariantCulture)} µs" : "";
        return $"{rate.ToString("#,0", CultureInfo.InvariantCulture)} msg/s {(ready ? "synced" : "syncing")}{latency}";
    }
}
