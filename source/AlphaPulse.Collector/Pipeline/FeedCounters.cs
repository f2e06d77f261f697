using System.Runtime.CompilerServices;
using AlphaPulse.Collector.Adapters;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Plain counters of one collector, cheap enough for every message: the hot ones are incremented by
/// the single thread holding the connection's gate with ordinary stores; rare ones (reconnects,
/// snapshot requests) with <see cref="Interlocked"/>. The metrics scrape reads them with
/// <see cref="Volatile.Read(ref readonly long)"/> (an aligned 64-bit read is never torn on x64/arm64)
/// and may see a value a message old, which is fine for monotonic counters.
/// </summary>
public sealed class FeedCounters
{
    private readonly long[] _messages = new long[Enum.GetValues<FrameOutcome>().Length];
    private readonly long[] _resyncs = new long[Enum.GetValues<ResyncReason>().Length];
    private readonly long[] _reconnects = new long[Enum.GetValues<DisconnectReason>().Length];
    private long _snapshotRequests;
    private long _snapshotsBehind;
    private long _snapshotFailures;
    private long _snapshotsPublished;
    private long _deltaBytes;
    private long _snapshotEquivalentBytes;
    private long _tradeGaps;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountMessage(FrameOutcome outcome) => _messages[(int)outcome]++;

    public long Messages(FrameOutcome outcome) => Volatile.Read(ref _messages[(int)outcome]);

    public void CountResync(ResyncReason reason) => Interlocked.Increment(ref _resyncs[(int)reason]);

    public long Resyncs(ResyncReason reason) => Volatile.Read(ref _resyncs[(int)reason]);

    public void CountReconnect(DisconnectReason reason) => Interlocked.Increment(ref _reconnects[(int)reason]);

    public long Reconnects(DisconnectReason reason) => Volatile.Read(ref _reconnects[(int)reason]);

    public void CountSnapshotRequest() => Interlocked.Increment(ref _snapshotRequests);

    public long SnapshotRequests => Volatile.Read(ref _snapshotRequests);

    /// <summary>A REST snapshot older than the first buffered update (Binance step 4): fetched again.</summary>
    public void CountSnapshotBehind() => Interlocked.Increment(ref _snapshotsBehind);

    public long SnapshotsBehind => Volatile.Read(ref _snapshotsBehind);

    public void CountSnapshotFailure() => Interlocked.Increment(ref _snapshotFailures);

    public long SnapshotFailures => Volatile.Read(ref _snapshotFailures);

    public void CountSnapshotPublished() => Interlocked.Increment(ref _snapshotsPublished);

    public long SnapshotsPublished => Volatile.Read(ref _snapshotsPublished);

    /// <summary>Trade ids that skipped ahead: trades the exchange sent and we never saw (not healable, only counted).</summary>
    public void CountTradeGap() => _tradeGaps++;

    public long TradeGaps => Volatile.Read(ref _tradeGaps);

    /// <summary>
    /// One published delta: its actual record bytes, and what a top-N snapshot of the same book would
    /// have cost instead (both as written to the ring: slot header plus payload, per record).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountDelta(long deltaBytes, long snapshotBytes)
    {
        _deltaBytes += deltaBytes;
        _snapshotEquivalentBytes += snapshotBytes;
    }

    public long DeltaBytes => Volatile.Read(ref _deltaBytes);

    public long SnapshotEquivalentBytes => Volatile.Read(ref _snapshotEquivalentBytes);

    /// <summary><c>alphapulse_collector_delta_compression_ratio</c>: 1 − delta bytes ÷ snapshot-equivalent bytes; 0 before the first delta.</summary>
    public double CompressionRatio
    {
        get
        {
            var equivalent = SnapshotEquivalentBytes;
            return equivalent == 0 ? 0 : 1 - ((double)DeltaBytes / equivalent);
        }
    }
}

/// <summary>Why a connection ended; a label of the reconnects metric.</summary>
public enum DisconnectReason : byte
{
    /// <summary>Connecting failed.</summary>
    ConnectFailed = 0,

    /// <summary>The server closed the connection or the socket failed.</summary>
    Closed = 1,

    /// <summary>No frame for <c>STALE_FEED_SECONDS</c>.</summary>
    Stale = 2,

    /// <summary>Reconnecting before the exchange's connection lifetime ends (Binance: 24 h).</summary>
    Lifetime = 3,
}
