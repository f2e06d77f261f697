using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;
using Prometheus;

namespace AlphaPulse.Collector.Telemetry;

/// <summary>
/// The collector's Prometheus metrics in its own registry. Hot-path counts live in
/// <see cref="FeedCounters"/> as plain longs and are copied into the metrics just before each scrape;
/// only the two latency histograms are observed directly. Thread-safe (prometheus-net).
/// </summary>
public sealed class CollectorMetrics
{
    /// <summary>Buckets in seconds (Prometheus's base unit) from 1 µs to 1 s.</summary>
    private static readonly double[] LatencyBuckets = [1e-6, 2e-6, 5e-6, 10e-6, 20e-6, 50e-6, 100e-6, 200e-6, 500e-6, 1e-3, 2e-3, 5e-3, 10e-3, 50e-3, 100e-3, 1];

    public CollectorMetrics(string exchange, string replica)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry).WithLabels(new Dictionary<string, string> { ["exchange"] = exchange, ["replica"] = replica });
        Messages = factory.CreateCounter("alphapulse_collector_messages_total", "Frames received, by what they were.", ["type"]);
        ParseErrors = factory.CreateCounter("alphapulse_collector_parse_errors_total", "Frames that were not valid JSON or lacked a field of a known message.");
        Gaps = factory.CreateCounter("alphapulse_collector_sequence_gaps_total", "Book updates that revealed lost updates (sequence gaps).");
        Resyncs = factory.CreateCounter("alphapulse_collector_resyncs_total", "Books reset and resynchronised from a fresh snapshot, by reason.", ["reason"]);
        Reconnects = factory.CreateCounter("alphapulse_collector_reconnects_total", "Connections that ended and were re-established, by reason.", ["reason"]);
        SnapshotRequests = factory.CreateCounter("alphapulse_collector_snapshot_requests_total", "REST snapshot requests, by result.", ["result"]);
        SnapshotsPublished = factory.CreateCounter("alphapulse_collector_snapshots_published_total", "Top-N snapshots published into the ring.");
        TradeGaps = factory.CreateCounter("alphapulse_collector_trade_id_gaps_total", "Trades whose id skipped ahead of the last one published.");
        BooksLive = factory.CreateGauge("alphapulse_collector_books_synchronised", "Books synchronised and publishing.");
        Books = factory.CreateGauge("alphapulse_collector_books", "Books subscribed.");
        CompressionRatio = factory.CreateGauge("alphapulse_collector_delta_compression_ratio", "1 − bytes of deltas published ÷ bytes the same updates would cost as top-N snapshots, from actual record sizes.");
        ReceiveToPublish = factory.CreateHistogram("alphapulse_collector_receive_to_publish_seconds", "Frame received → record published in the ring.", new HistogramConfiguration { Buckets = LatencyBuckets });
        SharedMemoryLatency = factory.CreateHistogram("alphapulse_collector_shm_latency_seconds", "Record published → read by a sampling reader of this collector's own ring (live records only).", new HistogramConfiguration { Buckets = LatencyBuckets });
    }

    public CollectorRegistry Registry { get; }

    public Counter Messages { get; }

    public Counter ParseErrors { get; }

    public Counter Gaps { get; }

    public Counter Resyncs { get; }

    public Counter Reconnects { get; }

    public Counter SnapshotRequests { get; }

    public Counter SnapshotsPublished { get; }

    public Counter TradeGaps { get; }

    public Gauge BooksLive { get; }

    public Gauge Books { get; }

    public Gauge CompressionRatio { get; }

    public Histogram ReceiveToPublish { get; }

    public Histogram SharedMemoryLatency { get; }

    /// <summary>Copies the counters into the metrics before every scrape.</summary>
    public void Track(FeedCounters counters, BookPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(publisher);
        Registry.AddBeforeCollectCallback(() => Update(counters, publisher));
    }

    private void Update(FeedCounters counters, BookPublisher publisher)
    {
        foreach (var outcome in Enum.GetValues<FrameOutcome>())
        {
            Messages.WithLabels(Label(outcome)).IncTo(counters.Messages(outcome));
        }
        ParseErrors.IncTo(counters.Messages(FrameOutcome.Malformed));
        Gaps.IncTo(counters.Messages(FrameOutcome.Gap));
        foreach (var reason in Enum.GetValues<ResyncReason>())
        {
            Resyncs.WithLabels(Label(reason)).IncTo(counters.Resyncs(reason));
        }
        foreach (var reason in Enum.GetValues<DisconnectReason>())
        {
            Reconnects.WithLabels(Label(reason)).IncTo(counters.Reconnects(reason));
        }
        SnapshotRequests.WithLabels("requested").IncTo(counters.SnapshotRequests);
        SnapshotRequests.WithLabels("behind").IncTo(counters.SnapshotsBehind);
        SnapshotRequests.WithLabels("failed").IncTo(counters.SnapshotFailures);
        SnapshotsPublished.IncTo(counters.SnapshotsPublished);
        TradeGaps.IncTo(counters.TradeGaps);
        BooksLive.Set(publisher.LiveCount);
        Books.Set(publisher.BookCount);
        CompressionRatio.Set(counters.CompressionRatio);
    }

    private static string Label<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
