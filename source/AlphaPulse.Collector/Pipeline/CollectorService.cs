using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The collector's main loop as a hosted service: the feed connection, plus periodic snapshots and
/// heartbeats. On SIGTERM the host cancels it: reading stops, the runtime publishes the end of the
/// stream and closes the ring (the host allows 5 s).
/// </summary>
internal sealed class CollectorService(CollectorRuntime runtime, IHttpClientFactory httpClients, ILogger<CollectorService> logger) : BackgroundService
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = runtime.Settings;
        CollectorLog.Started(logger, settings.Adapter.Name, settings.ReplicaId, settings.RingPath, string.Join(',', settings.Instruments.Select(i => i.Symbol.ToString())));
        HotPathSettings.Apply(settings, logger);
        using var http = httpClients.CreateClient(settings.Adapter.Name);
        var connection = new FeedConnection(settings, runtime.Publisher, runtime.Pipeline, http, logger);
        var timers = RunTimersAsync(settings, stoppingToken);
        try
        {
            await connection.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await timers.ConfigureAwait(false);
            runtime.Dispose();
            CollectorLog.Stopped(logger, settings.RingPath);
        }
    }

    private async Task RunTimersAsync(CollectorSettings settings, CancellationToken stoppingToken)
    {
        using var heartbeat = new PeriodicTimer(HeartbeatInterval);
        var nextSnapshot = DateTime.UtcNow + settings.SnapshotInterval;
        try
        {
            while (await heartbeat.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                runtime.PublishHeartbeat();
                if (DateTime.UtcNow >= nextSnapshot)
                {
                    runtime.PublishSnapshots();
                    nextSnapshot = DateTime.UtcNow + settings.SnapshotInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
