using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// Scans <c>SHARED_MEMORY_PATH</c> for ring files and hands each valid one to the market hub, so a
/// collector started after the server is picked up. Every regular file is a candidate (not only
/// <c>*.ring</c>); one that is not (yet) a valid ring — a writer still creating it — is retried on
/// the next scan and logged once. Runs on its own timer; never on the hub's thread.
/// </summary>
internal sealed partial class RingDiscovery(ServerSettings settings, MarketHub hub, ILogger<RingDiscovery> logger) : BackgroundService
{
    private readonly HashSet<string> _found = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SharedMemoryError> _refused = new(StringComparer.Ordinal);

    /// <summary>
    /// The exchange a ring belongs to, from its file name: collectors name rings
    /// <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> (the header carries no exchange), so the text before
    /// the first '-' (or the whole name) is the exchange.
    /// </summary>
    public static string ExchangeOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(SharedMemoryPath.FileExtension, StringComparison.Ordinal))
        {
            name = name[..^SharedMemoryPath.FileExtension.Length];
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? name[..dash] : name).ToLowerInvariant();
    }

    /// <summary>One scan; public so tests and start-up need not wait for the timer.</summary>
    public void ScanOnce()
    {
        if (!Directory.Exists(settings.SharedMemoryDirectory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(settings.SharedMemoryDirectory))
        {
            if (!_found.Contains(path))
            {
                TryAdd(path);
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

    private void TryAdd(string path)
    {
        try
        {
            // Validate here, off the hub's thread; the hub opens its own reader.
            using (RingReader.Open(path))
            {
            }

            _found.Add(path);
            _refused.Remove(path);
            var exchange = ExchangeOf(path);
            ServerLog.RingFound(logger, path, exchange);
            if (SharedMemoryPath.ReplicaOf(path, exchange) is null)
            {
                ServerLog.RingMisnamed(logger, path, exchange);
            }

            hub.Post(new HubCommand.AddRing(exchange, path));
        }
        catch (SharedMemoryException exception)
        {
            if (!_refused.TryGetValue(path, out var previous) || previous != exception.Error)
            {
                _refused[path] = exception.Error;
                ServerLog.RingRefused(logger, path, exception.Message);
            }
        }
    }
}
