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
    /// <summary>Each service exports one of these (seconds): the collectors sample their own ring, the server times what it reads.</summary>
    private static readonly string[] LatencyMetrics = ["alphapulse_collector_shm_latency_seconds", "alphapulse_ws_shm_latency_seconds"];

    private readonly Dictionary<string, Sample> _previous = new(StringComparer.Ordinal);

    private readonly record struct Sample(double Messages, double LatencySum, double LatencyCount, long Timestamp);

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
        // Rates and the latency mean are over the last interval, not since start-up (which includes JIT warm-up).
        var now = new Sample(
            PrometheusText.Sum(metrics, service.StatusMetric!) ?? 0,
            LatencyMetrics.Sum(name => PrometheusText.Sum(metrics, name + "_sum") ?? 0),
            LatencyMetrics.Sum(name => PrometheusText.Sum(metrics, name + "_count") ?? 0),
            Stopwatch.GetTimestamp());
        var hadPrevious = _previous.TryGetValue(service.Name, out var previous);
        _previous[service.Name] = now;
        var state = ready ? "synced" : "syncing";
        if (!hadPrevious)
        {
            return $"{state} (rates from the next line)";
        }
        var seconds = Math.Max(Stopwatch.GetElapsedTime(previous.Timestamp, now.Timestamp).TotalSeconds, 1e-3);
        var rate = (now.Messages - previous.Messages) / seconds;
        var samples = now.LatencyCount - previous.LatencyCount;
        var latency = samples > 0 ? $" shm {((now.LatencySum - previous.LatencySum) / samples * 1e6).ToString("0.0", CultureInfo.InvariantCulture)} µs" : "";
        return $"{rate.ToString("#,0", CultureInfo.InvariantCulture)} msg/s {state}{latency}";
    }
}
