using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Configuration;

/// <summary>
/// Everything a collector needs to start, validated: read once from the environment by
/// <see cref="CollectorSettingsReader"/>. Immutable.
/// </summary>
public sealed record CollectorSettings
{
    public required IExchangeAdapter Adapter { get; init; }

    /// <summary>The subscribed instruments; an instrument's id is its row in the ring and its book index.</summary>
    public required IReadOnlyList<InstrumentBinding> Instruments { get; init; }

    /// <summary><c>METRICS_PORT</c>: /health, /ready, /metrics (0 = any free port, for tests).</summary>
    public int MetricsPort { get; init; } = 8080;

    /// <summary><c>SHARED_MEMORY_PATH</c>: the directory of ring files.</summary>
    public required string SharedMemoryDirectory { get; init; }

    /// <summary><c>REPLICA_ID</c>, else <c>HOSTNAME</c>: tells replicas' rings apart.</summary>
    public required string ReplicaId { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>FEED_URL</c>: the WebSocket base address.</summary>
    public required Uri FeedUrl { get; init; }

    /// <summary><c>REST_URL</c>: the REST base address (snapshots), where the exchange has one.</summary>
    public Uri? RestUrl { get; init; }

    /// <summary><c>STALE_FEED_SECONDS</c>: no frame for this long → reconnect.</summary>
    public TimeSpan StaleFeed { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>SNAPSHOT_INTERVAL_SECONDS</c>: top-N snapshots of every live book for late readers.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>BOOK_DEPTH</c>: levels a side fetched in snapshots and published in top-N snapshots.</summary>
    public int BookDepth { get; init; } = 1000;

    /// <summary><c>RING_SLOTS</c>: slots in the ring (power of two).</summary>
    public int RingSlots { get; init; } = 64 * 1024;

    /// <summary><c>PRICE_SCALE</c>: decimal places of fixed-point prices.</summary>
    public byte PriceScale { get; init; } = 8;

    /// <summary><c>SIZE_SCALE</c>: decimal places of fixed-point sizes.</summary>
    public byte SizeScale { get; init; } = 8;

    /// <summary><c>RECONNECT_INITIAL_MS</c>: first reconnect delay (before jitter).</summary>
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>RECONNECT_MAX_SECONDS</c>: longest reconnect delay.</summary>
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>MAX_CONNECTION_HOURS</c>: reconnect after this long even if healthy (capped by the exchange's own limit).</summary>
    public TimeSpan MaxConnectionLifetime { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>
    /// <c>PIN_CPUS</c>: cores (e.g. <c>3</c> or <c>2,3</c>) every collector thread is pinned to at start,
    /// so the receive → parse → book → publish path never migrates; empty (the default) leaves
    /// scheduling to the kernel. Give it cores nothing else runs on (isolcpus, a static CPU manager).
    /// </summary>
    public IReadOnlyList<int> PinCpus { get; init; } = [];

    /// <summary>The ring's stream name, <c>&lt;exchange&gt;-&lt;replica&gt;</c>: one ring per collector replica.</summary>
    public string RingName => Adapter.Name + "-" + ReplicaId;

    public string RingPath => SharedMemoryPath.ForStream(SharedMemoryDirectory, RingName);

    public RingOptions RingOptions
    {
        get
        {
            var specs = new InstrumentSpec[Instruments.Count];
            for (var i = 0; i < specs.Length; i++)
            {
                specs[i] = new InstrumentSpec(Instruments[i].Symbol.ToString(), PriceScale, SizeScale);
            }
            return new RingOptions { SlotCount = RingSlots, Instruments = specs, InstrumentCapacity = Math.Max(specs.Length, 16) };
        }
    }
}
