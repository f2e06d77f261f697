using System.Text.Json;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Feeds;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One exchange as the hub sees it: its feed, its markets by symbol and by the feed's instrument id,
/// its stats stream and the counters behind it. Hub thread only, except <see cref="LastRecordMs"/>,
/// which /ready reads.
/// </summary>
internal sealed class ExchangeState(string name, IExchangeFeed feed)
{
    private long _lastRecordMs;

    public string Name { get; } = name;

    public JsonEncodedText NameJson { get; } = JsonEncodedText.Encode(name);

    public IExchangeFeed Feed { get; } = feed;

    public Prometheus.Histogram.Child ShmLatency { get; } = ServerMetrics.ShmLatency.WithLabels(name);

    public Prometheus.Gauge.Child DataAge { get; } = ServerMetrics.DataAge.WithLabels(name);

    public Prometheus.Counter.Child RingLost { get; } = ServerMetrics.RingLost.WithLabels(name);

    public Prometheus.Counter.Child Resyncs { get; } = ServerMetrics.Resyncs.WithLabels(name);

    /// <summary>The instrument list the id map was built from; a new instance from the feed means remap.</summary>
    public IReadOnlyList<Instrument>? Mapped { get; set; }

    public Market?[] ById { get; set; } = [];

    /// <summary>Markets by symbol, under any spelling <see cref="SymbolNames"/> accepts.</summary>
    public Dictionary<string, Market> BySymbol { get; } = new(SymbolNames.Comparer);

    public MarketStream? Stats { get; set; }

    public List<Market> DirtyMarkets { get; } = [];

    public long Records { get; set; }

    public long RecordsAtLastStats { get; set; }

    /// <summary>Shared-memory latency of the current stats interval.</summary>
    public IntervalLatency Latency { get; } = new();

    /// <summary>Monotonic publish time of the newest record.</summary>
    public long LastPublishTime { get; set; }

    public long LostReported { get; set; }

    /// <summary>Environment.TickCount64 when the feed last returned a record; read by /ready from other threads.</summary>
    public long LastRecordMs
    {
        get => Volatile.Read(ref _lastRecordMs);
        set => Volatile.Write(ref _lastRecordMs, value);
    }

    /// <summary>The replica rings read, comma-separated (stats and logs; allocates).</summary>
    public string Sources => string.Join(",", Feed.Replicas.Select(replica => Path.GetFileName(replica.Path)));

    public Market? Lookup(int symbol) => (uint)symbol < (uint)ById.Length ? ById[symbol] : null;
}
