using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Smoke checks of the deployed local environment: the validation checks (every /health within its
/// threshold, ready, latency and data age; retried as Deploy retries them, <see cref="SettledChecks"/>), then a real WebSocket client that must receive a snapshot and
/// updates for every exchange within the deadline and — when the feed is the built-in simulator — hold
/// exactly the simulator's books once its markets are paused (<see cref="BookTruthCheck"/>), and the analytics
/// service's books (<c>GET /books</c>) equal to the client's then. One line per check; the caller fails on any failure.
/// </summary>
public sealed class SmokeTest(LocalContainers containers, HealthProbe probe, ValidationThresholds thresholds)
{
    public async Task<IReadOnlyList<Check>> RunAsync(string? token)
    {
        var running = await containers.ListAsync().ConfigureAwait(false);
        var checks = new List<Check>();
        if (running.Count == 0)
        {
            checks.Add(new Check("environment", false, "no container of the local environment runs (run Deploy --env local first)"));
            return checks;
        }
        var validator = new DeploymentValidator(probe, thresholds);
        checks.AddRange(await SettledChecks.RunAsync(() => validator.ValidateAsync(running), "smoke validation").ConfigureAwait(false));

        var exchanges = LocalServices.Exchanges.Select(exchange => exchange.Exchange).ToList();
        await using var watcher = new MarketDataWatcher(LocalServices.WebSocketPort, token);
        checks.AddRange(await WebSocketBooksCheck.RunAsync(watcher, exchanges, $"ws://127.0.0.1:{LocalServices.WebSocketPort}/ws").ConfigureAwait(false));
        if (running.Any(container => container.Role == "simulator"))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var books = new BookTruthCheck(http, new Uri($"http://127.0.0.1:{LocalServices.SimulatorPort}/"));
            var comparisons = new List<(IBookHolder, IBookSource)> { (watcher, books.Truth) };
            if (running.FirstOrDefault(container => container.Role == LocalTopology.AnalyticsRole && container.Running) is { } analytics)
            {
                // The analytics service against what a WebSocket client holds: two readers of the same rings agree.
                comparisons.Add((new AnalyticsBooks(http, new Uri($"http://127.0.0.1:{analytics.HealthPort}/"), BookStreams.Configured(exchanges)), watcher));
            }
            Log.Information($"  pausing the simulator's markets to compare every book the client holds with /truth{(comparisons.Count > 1 ? " and the analytics service's with the client's" : "")} (top {BookTruthCheck.Depth} levels)");
            checks.AddRange(await books.RunAsync(exchanges, comparisons).ConfigureAwait(false));
        }
        checks.Add(WebSocketBooksCheck.GapsCheck(watcher));
        return checks;
    }
}
