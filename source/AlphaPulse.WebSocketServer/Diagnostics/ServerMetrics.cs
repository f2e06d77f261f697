using Prometheus;

namespace AlphaPulse.WebSocketServer.Diagnostics;

/// <summary>
/// The server's Prometheus metrics (prometheus-net, default registry, served on :8766/metrics).
/// Thread-safe; per-message updates are plain counter increments, and the publish→write histogram is
/// sampled (one send in <see cref="LatencySampleEvery"/> per client) to keep it off the hot path.
/// </summary>
internal static class ServerMetrics
{
    public const int LatencySampleEvery = 8;

    public static readonly Gauge Clients = Metrics.CreateGauge("alphapulse_ws_clients", "Connected WebSocket clients.");

    public static readonly Gauge Subscriptions = Metrics.CreateGauge("alphapulse_ws_subscriptions", "Client subscriptions to streams (one per client and stream).");

    public static readonly Counter MessagesSent = Metrics.CreateCounter("alphapulse_ws_messages_sent_total", "Messages written to client sockets.");

    public static readonly Counter BytesSent = Metrics.CreateCounter("alphapulse_ws_bytes_sent_total", "Payload bytes written to client sockets.");

    public static readonly Counter MessagesEncoded = Metrics.CreateCounter("alphapulse_ws_messages_encoded_total", "Messages serialised (once per encoding, shared by every subscriber).", "encoding");

    public static readonly Counter.Child JsonEncoded = MessagesEncoded.WithLabels("json");

    public static readonly Counter.Child BinaryEncoded = MessagesEncoded.WithLabels("binary");

    public static readonly Counter SlowConsumerCloses = Metrics.CreateCounter("alphapulse_ws_slow_consumer_closes_total", "Clients closed because their queue exceeded the byte budget.");

    public static readonly Counter Conflations = Metrics.CreateCounter("alphapulse_ws_conflations_total", "Book deltas dropped for a slow client, replaced by a fresh snapshot once it drains.");

    public static readonly Counter Dropped = Metrics.CreateCounter("alphapulse_ws_dropped_messages_total", "Non-book messages dropped for a slow client (it sees a sequence gap).");

    public static readonly Counter ClientErrors = Metrics.CreateCounter("alphapulse_ws_client_errors_total", "Error messages sent to clients, by code.", "code");

    public static readonly Counter Rejected = Metrics.CreateCounter("alphapulse_ws_rejected_connections_total", "Connections refused before the upgrade, by reason.", "reason");

    public static readonly Counter Closes = Metrics.CreateCounter("alphapulse_ws_server_closes_total", "Connections the server closed, by close code, counted when decided.", "code");

    public static readonly Counter CloseAborts = Metrics.CreateCounter("alphapulse_ws_close_aborts_total", "Close handshakes that overran CLOSE_TIMEOUT_MS: the connection was dropped (TCP reset).");

    /// <summary>Each pause of <c>HeapCompactor</c>'s collection after a connection burst; its count is the number of compactions.</summary>
    public static readonly Histogram HeapCompactions = Metrics.CreateHistogram(
        "alphapulse_ws_heap_compaction_seconds",
        "Pauses of the compacting collection run once a burst of connections has settled (HEAP_COMPACT_AFTER_CONNECTIONS).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 12) });

    public static readonly Histogram PublishToWrite = Metrics.CreateHistogram(
        "alphapulse_ws_publish_to_write_seconds",
        "Ring publish time to the socket write completing, sampled.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_010, 2, 18) });

    /// <summary>Live records only: the start-up backlog a reader catches up on says nothing about the hop.</summary>
    public static readonly Histogram ShmLatency = Metrics.CreateHistogram(
        "alphapulse_ws_shm_latency_seconds",
        "Ring publish time to this server reading the record, for records published after it caught up.",
        new HistogramConfiguration { LabelNames = ["exchange"], Buckets = Histogram.ExponentialBuckets(0.000_001, 2, 20) });

    public static readonly Gauge DataAge = Metrics.CreateGauge("alphapulse_ws_data_age_seconds", "Time since the newest record of each exchange was published.", "exchange");

    public static readonly Counter RingLost = Metrics.CreateCounter("alphapulse_ws_ring_records_lost_total", "Ring records this server never read because it was lapped.", "exchange");

    public static readonly Counter Resyncs = Metrics.CreateCounter("alphapulse_ws_book_resyncs_total", "Times an exchange's books were rebuilt from snapshots (loss, writer restart, replica failover).", "exchange");

    public static readonly Gauge ReplicaLag = Metrics.CreateGauge("alphapulse_replica_lag_records", "Records a collector replica published that the merged reader has not read yet.", "exchange", "replica");

    public static readonly Gauge ReplicaStaleness = Metrics.CreateGauge("alphapulse_replica_staleness_seconds", "Time since a collector replica last published (heartbeats included).", "exchange", "replica");

    public static readonly Gauge ReplicaStale = Metrics.CreateGauge("alphapulse_replica_stale", "1 while a collector replica is stale: the symbols it led have failed over.", "exchange", "replica");

    public static readonly Counter ReplicaFailovers = Metrics.CreateCounter("alphapulse_replica_failovers_total", "Symbols moved away from a collector replica.", "exchange", "replica");

    public static readonly Counter ReplicaDuplicates = Metrics.CreateCounter("alphapulse_replica_duplicates_dropped_total", "Trades and book updates from a replica dropped because another delivered them first.", "exchange", "replica");
}
