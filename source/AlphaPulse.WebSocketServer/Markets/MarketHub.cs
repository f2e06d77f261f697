using System.Collections.Concurrent;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Feeds;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// The server's one market-data thread: the loop and the dispatch of commands. It reads every exchange
/// feed (which keeps the books) and fans each update out to the subscribed clients' queues, serialised
/// once per encoding by the <see cref="MarketEncoder"/> and shared. Subscriptions live in the
/// <see cref="SubscriptionRegistry"/>, each exchange's markets and figures in its <see cref="ExchangeState"/>.
/// Other threads talk to it only through <see cref="Post"/>, so nothing on the hot path takes a lock. It
/// never waits on a client: a full client queue is that client's problem (conflation or close), not the reader's.
/// </summary>
internal sealed partial class MarketHub(ServerSettings settings, ILogger<MarketHub> logger) : IHostedService, IDisposable
{
    /// <summary>Records read from one feed before the others get a turn.</summary>
    private const int MaxBatch = 256;

    private const long StatsIntervalMs = 1000;

    private readonly ConcurrentQueue<HubCommand> _commands = new();
    private readonly MarketDirectory _directory = new();
    private readonly SubscriptionRegistry _registry = new(settings.MaxSubscriptions);
    private readonly MarketEncoder _encoder = new();
    private readonly StreamIds _streamIds = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private int _clientCount;
    private int _admitted;
    private long _nextStatsMs;
    private long _nextHeartbeatMs;
    private bool _disposed;

    /// <summary>Set by SIGTERM: /ready turns false, and a client that connects from now on is closed with 1012 at once.</summary>
    public bool IsDraining { get; private set; }

    public int ClientCount => Volatile.Read(ref _clientCount);

    /// <summary>
    /// Takes one of <paramref name="maxClients"/> slots at admission, before the upgrade (any thread).
    /// The hub's own count trails by a queue hop, so a burst checked against it would overshoot:
    /// the slot is the atomic reservation, held until <see cref="ReleaseSlot"/> when the connection ends.
    /// </summary>
    public bool TryReserveSlot(int maxClients)
    {
        var admitted = Volatile.Read(ref _admitted);
        while (admitted < maxClients)
        {
            var seen = Interlocked.CompareExchange(ref _admitted, admitted + 1, admitted);
            if (seen == admitted)
            {
                return true;
            }

            admitted = seen;
        }

        return false;
    }

    public void ReleaseSlot() => Interlocked.Decrement(ref _admitted);

    /// <summary>Some exchange's feed returned a record within the stale period (any thread).</summary>
    public bool IsLive
    {
        get
        {
            var now = Environment.TickCount64;
            foreach (var exchange in _directory.Exchanges)
            {
                if (exchange.Statistics.IsLive(now, settings.StaleFeed))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Exchanges whose rings are being read, with their markets mapped (any thread).</summary>
    public IEnumerable<string> Exchanges => _directory.Exchanges.Select(exchange => exchange.Name);

    /// <summary>Market-data messages this hub serialised (any thread).</summary>
    public long Encodings => _encoder.Encodings;

    /// <summary>Hands work to the hub thread; safe from any thread.</summary>
    public void Post(HubCommand command) => _commands.Enqueue(command);

    /// <summary>SIGTERM: tell every connected client, and every one still connecting, to reconnect elsewhere (1012).</summary>
    public void BeginDrain(TimeSpan timeout)
    {
        IsDraining = true;
        ServerLog.Draining(logger, ClientCount, timeout);
        Post(new HubCommand.CloseAll(CloseReasons.ServiceRestart, CloseReasons.ServiceRestartReason, timeout));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { Name = "market-hub", IsBackground = true };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        if (_thread?.Join(TimeSpan.FromSeconds(5)) == true)
        {
            // The thread is gone: settle the last disconnects here so the books and gauges end at zero clients.
            while (DrainCommands() > 0)
            {
            }
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Registered as a singleton and as a hosted service: the container may dispose it twice.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _stop.Dispose();
        _encoder.Dispose();
        foreach (var exchange in _directory.Exchanges)
        {
            exchange.Feed.Dispose();
        }
    }

    private void Run()
    {
        var idle = new IdleStrategy(settings.ReaderIdle);
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var work = DrainCommands();
                foreach (var exchange in _directory.Exchanges)
                {
                    work += Pump(exchange);
                }

                var now = Environment.TickCount64;
                if (now >= _nextStatsMs || now >= _nextHeartbeatMs)
                {
                    OnTimers(now);
                }

                if (work == 0)
                {
                    idle.Idle();
                }
                else
                {
                    idle.Reset();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One bad record or client must not stop the fan-out for everyone else.
                ServerLog.HubFailed(logger, exception);
            }
        }
    }

    private int DrainCommands()
    {
        var count = 0;
        while (count < MaxBatch && _commands.TryDequeue(out var command))
        {
            count++;
            switch (command)
            {
                case HubCommand.AddExchange add:
                    AddExchange(add.Exchange);
                    break;
                case HubCommand.Connect connect:
                    OnConnect(connect.Client);
                    break;
                case HubCommand.Disconnect disconnect:
                    OnDisconnect(disconnect.Client);
                    break;
                case HubCommand.Request request:
                    OnRequest(request.Client, request.Value);
                    break;
                case HubCommand.Drained drained:
                    OnDrained(drained.Client);
                    break;
                case HubCommand.CloseAll closeAll:
                    foreach (var client in _registry.Clients)
                    {
                        CloseClient(client, closeAll.Code, closeAll.Reason, closeAll.Timeout);
                    }

                    break;
            }
        }

        return count;
    }

    private void AddExchange(string name)
    {
        if (_directory.Contains(name))
        {
            return;
        }

        MergedRingFeed feed;
        try
        {
            feed = new MergedRingFeed(name, settings.SharedMemoryDirectory, settings.ReaderIdle, settings.StaleFeed);
        }
        catch (SharedMemoryException exception)
        {
            ServerLog.ExchangeRefused(logger, name, exception.Message);
            return;
        }

        var exchange = new ExchangeState(name, feed, _streamIds);
        _directory.Add(exchange);
        RemapIfChanged(exchange);
        AttachToNewStream(exchange.Stats);
    }

    private void OnTimers(long now)
    {
        if (now >= _nextStatsMs)
        {
            _nextStatsMs = now + StatsIntervalMs;
            foreach (var exchange in _directory.Exchanges)
            {
                PublishStats(exchange);
            }
        }

        if (now >= _nextHeartbeatMs)
        {
            _nextHeartbeatMs = now + (long)settings.HeartbeatInterval.TotalMilliseconds;
            var heartbeat = ControlMessages.Heartbeat(_registry.ClientCount);
            foreach (var client in _registry.Clients)
            {
                client.TrimIdle();
                if (client.TryEnqueueControl(heartbeat) == EnqueueOutcome.OverBudget)
                {
                    // Not even a heartbeat fits in twice the budget: the client has stopped reading.
                    CloseSlowConsumer(client);
                }
            }

            heartbeat.Release();
        }
    }
}
