using AlphaPulse.Core.Replication;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Lists <c>SHARED_MEMORY_PATH</c> through Core's <see cref="ReplicaDirectory"/> (the one owner of the
/// ring-name convention) and hands each exchange to the market hub once, so a collector started after
/// the server is picked up; the hub opens one merged reader per exchange, which finds that exchange's
/// replicas itself. Opens no ring. A file not named by the convention is logged once. Runs on its own
/// timer; never on the hub's thread.
/// </summary>
internal sealed class ExchangeDiscovery(ServerSettings settings, MarketHub hub, ILogger<ExchangeDiscovery> logger) : BackgroundService
{
    private readonly HashSet<string> _exchanges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _misnamed = new(StringComparer.Ordinal);

    /// <summary>One scan; public so tests and start-up need not wait for the timer.</summary>
    public void ScanOnce()
    {
        var misnamed = new List<string>();
        foreach (var exchange in ReplicaDirectory.Exchanges(settings.SharedMemoryDirectory, misnamed))
        {
            if (_exchanges.Add(exchange))
            {
                ServerLog.ExchangeFound(logger, exchange, settings.SharedMemoryDirectory);
                hub.Post(new HubCommand.AddExchange(exchange));
            }
        }

        foreach (var path in misnamed)
        {
            if (_misnamed.Add(path))
            {
                ServerLog.RingMisnamed(logger, path);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ServerLog.ScanningRings(logger, settings.SharedMemoryDirectory);
        using var timer = new PeriodicTimer(settings.RingScanInterval);
        do
        {
            try
            {
                ScanOnce();
            }
            catch (IOException exception)
            {
                ServerLog.RingScanFailed(logger, settings.SharedMemoryDirectory, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
