using AlphaPulse.Core.Replication;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One exchange's feed figures: records read, ring → hub latency (mean, p50, p99 and max per stats window;
/// every live record — published after the reader caught up — into <c>alphapulse_ws_shm_latency_seconds</c>),
/// data age, losses and resyncs,
/// and when a record last arrived. Written by the hub thread only; <see cref="IsLive"/> is read by
/// /ready from any thread.
/// </summary>
internal sealed class ExchangeStatistics(string exchange)
{
    private readonly Prometheus.Histogram.Child _shmLatency = ServerMetrics.ShmLatency.WithLabels(exchange);
    private readonly Prometheus.Gauge.Child _dataAge = ServerMetrics.DataAge.WithLabels(exchange);
    private readonly Prometheus.Counter.Child _ringLost = ServerMetrics.RingLost.WithLabels(exchange);
    private readonly Prometheus.Counter.Child _resyncs = ServerMetrics.Resyncs.WithLabels(exchange);
    private long _records;
    private long _recordsAtWindowStart;
    private readonly IntervalLatency _latency = new();
    private long _lostReported;
    private long _lastRecordMs;

    /// <summary>Monotonic publish time of the newest record; 0 before the first.</summary>
    public long LastPublishTime { get; private set; }

    public long Records => _records;

    /// <summary>
    /// One record read at <paramref name="nowNs"/>, published at <paramref name="publishTime"/> (monotonic ns);
    /// <paramref name="live"/> when it was published after the reader caught up (only those go to Prometheus:
    /// the start-up backlog says nothing about the hop).
    /// </summary>
    public void OnRecord(long publishTime, long nowNs, bool live)
    {
        var latency = nowNs - publishTime;
        _records++;
        _latency.Record(latency);
        if (live)
        {
            _shmLatency.Observe(latency / 1e9);
        }
        LastPublishTime = publishTime;
    }

    /// <summary>The feed returned records at tick <paramref name="nowMs"/> (Environment.TickCount64).</summary>
    public void OnRead(long nowMs) => Volatile.Write(ref _lastRecordMs, nowMs);

    /// <summary>A book was lost and waits for a snapshot.</summary>
    public void OnResync() => _resyncs.Inc();

    /// <summary>A record arrived within <paramref name="stalePeriod"/> of <paramref name="nowMs"/> (any thread).</summary>
    public bool IsLive(long nowMs, TimeSpan stalePeriod) => nowMs - Volatile.Read(ref _lastRecordMs) < stalePeriod.TotalMilliseconds;

    /// <summary>
    /// Closes the stats window of <paramref name="windowMs"/>: the figures for the stats message, the data-age
    /// gauge, the records the feed lost since the last window onto the lost counter; then a new window.
    /// </summary>
    public ExchangeStats CloseWindow(long nowNs, double windowMs, in FeedFigures feed)
    {
        var records = _records - _recordsAtWindowStart;
        _recordsAtWindowStart = _records;
        var ageMs = LastPublishTime == 0 ? -1 : (nowNs - LastPublishTime) / 1e6;
        _dataAge.Set(ageMs < 0 ? double.NaN : ageMs / 1000);
        _ringLost.Inc(feed.Lost - _lostReported);
        _lostReported = feed.Lost;
        var stats = new ExchangeStats(
            records * 1000.0 / windowMs,
            _latency.MeanMicroseconds,
            _latency.PercentileMicroseconds(50),
            _latency.PercentileMicroseconds(99),
            _latency.MaxMicroseconds,
            ageMs,
            feed.Lost,
            feed.Resyncs,
            feed.Sources,
            feed.Symbols,
            feed.Clients,
            feed.Replicas);
        _latency.Reset();
        return stats;
    }
}

/// <summary>What the feed and the hub know at the end of a stats window, for <see cref="ExchangeStatistics.CloseWindow"/>. Immutable.</summary>
internal readonly record struct FeedFigures(long Lost, long Resyncs, string Sources, int Symbols, int Clients, IReadOnlyList<Replica> Replicas);
