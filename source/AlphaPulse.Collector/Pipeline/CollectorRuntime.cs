using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Telemetry;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The collector's long-lived parts, built once at start-up: its ring (opened or taken over here, so a
/// second live writer fails the start), books and publisher, per-frame pipeline and metrics.
/// Thread-safe as its parts are: everything that writes the ring goes through <see cref="FramePipeline.Gate"/>.
/// </summary>
public sealed class CollectorRuntime : IDisposable
{
    private bool _disposed;

    public CollectorRuntime(CollectorSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Metrics = new CollectorMetrics(settings.Adapter.Name, settings.ReplicaId);
        Counters = new FeedCounters();
        Ring = RingWriter.Open(settings.RingPath, settings.RingOptions);
        Publisher = new BookPublisher(Ring, settings.BookDepth, Counters, Metrics.ReceiveToPublish, settings.Adapter.HasBookSequence);
        Pipeline = new FramePipeline(Counters, logger);
        Metrics.Track(Counters, Publisher);
    }

    public CollectorSettings Settings { get; }

    public CollectorMetrics Metrics { get; }

    public FeedCounters Counters { get; }

    public RingWriter Ring { get; }

    public BookPublisher Publisher { get; }

    public FramePipeline Pipeline { get; }

    /// <summary>True when every subscribed book is synchronised and publishing.</summary>
    public bool IsReady => Publisher.LiveCount == Publisher.BookCount;

    /// <summary>On-demand top-N snapshots of every live book (late readers start from them).</summary>
    public void PublishSnapshots()
    {
        using (Pipeline.Gate.EnterScope())
        {
            if (!_disposed)
            {
                Publisher.PublishSnapshots(UnixNow());
            }
        }
    }

    /// <summary>A heartbeat: readers see the writer is alive even when the market is quiet.</summary>
    public void PublishHeartbeat()
    {
        using (Pipeline.Gate.EnterScope())
        {
            if (!_disposed)
            {
                _ = Ring.PublishHeartbeat(UnixNow());
            }
        }
    }

    /// <summary>The clean end of the stream: every live book reset, a final heartbeat, then the ring is closed.</summary>
    public void Dispose()
    {
        using (Pipeline.Gate.EnterScope())
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            Publisher.ResetAll(reason: null);
            _ = Ring.PublishHeartbeat(UnixNow());
            Ring.Dispose();
        }
    }

    private static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
}
