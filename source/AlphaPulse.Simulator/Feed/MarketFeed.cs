using System.Diagnostics;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Feed;

/// <summary>
/// Steps every market model at the configured total rate (SIM_RATE messages per second, shared
/// round-robin by the instruments) on one dedicated thread and hands each event to the hub.
/// One thread keeps each instrument's stream in a single, deterministic order; each model's own seeded
/// generator makes its stream independent of timing.
/// </summary>
internal sealed partial class MarketFeed(
    MarketRegistry registry, FeedHub hub, SimulatorSettings settings, TimeProvider time, ILogger<MarketFeed> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _produced;
    private volatile bool _paused;

    public bool IsRunning { get; private set; }

    /// <summary>
    /// While paused the markets stand still: no step, no event, so every consumer can catch up and hold
    /// exactly the truth endpoint's books (Smoke compares them). Resuming does not burst to catch up.
    /// </summary>
    public bool IsPaused
    {
        get => _paused;
        set => _paused = value;
    }

    /// <summary>Messages produced since start-up.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "market-feed" };
        _thread.Start();
        IsRunning = true;
        Log.FeedStarted(logger, settings.Rate, registry.Models.Count, settings.Seed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        IsRunning = false;
        return Task.CompletedTask;
    }

    public void Dispose() => _stop.Dispose();

    private void Run()
    {
        var models = registry.Models;
        var events = new List<MarketEvent>(8);
        var clock = Stopwatch.StartNew();
        var produced = 0L;
        var next = 0;
        // At most 10 ms worth per batch, so a slow moment never turns into a long burst.
        var maxBatch = Math.Max(1, settings.Rate / 100);
        while (!_stop.IsCancellationRequested)
        {
            if (_paused)
            {
                Thread.Sleep(1);
                produced = (long)(clock.Elapsed.TotalSeconds * settings.Rate);
                continue;
            }
            var due = (long)(clock.Elapsed.TotalSeconds * settings.Rate);
            if (due - produced > settings.Rate)
            {
                // More than a second behind: forget the backlog rather than burst to catch up.
                Log.FeedBehind(logger, due - produced);
                produced = due - maxBatch;
            }
            if (produced >= due)
            {
                Thread.Sleep(1);
                continue;
            }
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            for (var budget = Math.Min(due - produced, maxBatch); budget > 0;)
            {
                events.Clear();
                models[next].Step(now, events);
                next = next + 1 == models.Count ? 0 : next + 1;
                foreach (var marketEvent in events)
                {
                    hub.Publish(marketEvent);
                }
                budget -= events.Count;
                produced += events.Count;
            }
            Volatile.Write(ref _produced, produced);
        }
    }
}
