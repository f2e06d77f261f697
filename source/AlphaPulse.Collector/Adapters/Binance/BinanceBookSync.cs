using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// Binance's "How to manage a local order book correctly" (Spot) for one symbol:
/// buffer diff-depth events; fetch a snapshot (again while its <c>lastUpdateId</c> is below the first
/// buffered <c>U</c>); drop buffered events with <c>u</c> ≤ <c>lastUpdateId</c>; load the snapshot and
/// apply the rest; then for every event: <c>u</c> ≤ book id → ignore, <c>U</c> &gt; book id + 1 → lost
/// updates, restart the procedure; otherwise apply and set the book id to <c>u</c>.
/// Single-threaded: the session calls it under its gate.
/// </summary>
internal sealed class BinanceBookSync
{
    private readonly ushort _instrumentId;
    private readonly IMarketDataSink _sink;
    private readonly DepthEventBuffer _buffer;
    private readonly LevelBatch _replay = new();
    private Phase _phase = Phase.Buffering;

    public BinanceBookSync(ushort instrumentId, IMarketDataSink sink, int maxBufferedEvents)
    {
        _instrumentId = instrumentId;
        _sink = sink;
        _buffer = new DepthEventBuffer(maxBufferedEvents);
    }

    private enum Phase
    {
        /// <summary>Steps 1–3: buffering events; a snapshot is wanted once one is buffered.</summary>
        Buffering,

        /// <summary>Update procedure: applying each event as it arrives.</summary>
        Live,
    }

    public ushort InstrumentId => _instrumentId;

    /// <summary>A snapshot request is in flight (the session sets and clears it).</summary>
    public bool SnapshotPending { get; set; }

    /// <summary>True when a snapshot should be requested now: buffering, at least one event buffered, none in flight.</summary>
    public bool WantsSnapshot => _phase == Phase.Buffering && _buffer.Count > 0 && !SnapshotPending;

    public bool IsLive => _phase == Phase.Live;

    public int BufferedEvents => _buffer.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FrameOutcome OnDepth(in BinanceEvent evt, LevelBatch levels, long receiveTime)
    {
        if (_phase != Phase.Live)
        {
            return OnDepthWhileBuffering(evt, levels);
        }

        var bookId = _sink.Book(_instrumentId).Sequence;
        if (evt.FinalUpdateId <= bookId)
        {
            return FrameOutcome.Duplicate;
        }
        if (evt.FirstUpdateId > bookId + 1)
        {
            return OnGap(evt, levels);
        }

        _sink.Apply(_instrumentId, levels, evt.FinalUpdateId);
        if (!_sink.Commit(_instrumentId, evt.EventTime * 1_000_000, receiveTime))
        {
            Restart();
        }
        return FrameOutcome.Book;
    }

    /// <summary>Steps 4–7 with a snapshot fetched for this book; false when it was older than the first buffered event (fetch again).</summary>
    public bool OnSnapshot(long lastUpdateId, LevelBatch snapshot, long receiveTime)
    {
        if (_phase == Phase.Live || _buffer.Count == 0)
        {
            // Nothing to anchor the snapshot to (the procedure restarted meanwhile): the next buffered event asks again.
            return true;
        }

        // Step 4: the snapshot must not be older than the first buffered event.
        if (lastUpdateId < _buffer.FirstUpdateId)
        {
            return false;
        }

        // Step 5: drop events the snapshot already contains; step 6: the snapshot is the book, at lastUpdateId.
        _ = _buffer.DropThrough(lastUpdateId);
        _sink.LoadSnapshot(_instrumentId, snapshot, lastUpdateId);

        // Step 7: the update procedure over what is left, in order.
        var exchangeTime = 0L;
        for (var i = 0; i < _buffer.Count; i++)
        {
            var (first, final, eventTime) = _buffer.Get(i, _replay);
            var bookId = _sink.Book(_instrumentId).Sequence;
            if (final <= bookId)
            {
                continue;
            }
            if (first > bookId + 1)
            {
                _sink.Reset(_instrumentId, ResyncReason.Gap);
                Restart();
                return true;
            }
            _sink.Apply(_instrumentId, _replay, final);
            exchangeTime = eventTime * 1_000_000;
        }

        _buffer.Clear();
        if (_sink.Commit(_instrumentId, exchangeTime, receiveTime))
        {
            _phase = Phase.Live;
        }
        else
        {
            Restart();
        }
        AssertInvariants();
        return true;
    }

    /// <summary>The connection ended: a new one starts from step 1.</summary>
    public void Restart()
    {
        _phase = Phase.Buffering;
        _buffer.Clear();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome OnDepthWhileBuffering(in BinanceEvent evt, LevelBatch levels)
    {
        if (_buffer.IsFull)
        {
            // The snapshot is not coming fast enough to replay what we hold: count it and start over from this event.
            _sink.Reset(_instrumentId, ResyncReason.BufferOverflow);
            _buffer.Clear();
        }
        _buffer.Add(evt, levels);
        return FrameOutcome.Book;
    }

    /// <summary>Updates were lost between the book and this event: reset, and restart the procedure with this event buffered.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome OnGap(in BinanceEvent evt, LevelBatch levels)
    {
        _sink.Reset(_instrumentId, ResyncReason.Gap);
        Restart();
        _buffer.Add(evt, levels);
        return FrameOutcome.Gap;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(_phase != Phase.Live || _sink.IsLive(_instrumentId), "a book this procedure calls live must be live in the sink");
        Debug.Assert(_phase != Phase.Live || _buffer.Count == 0, "a live book has nothing buffered");
    }
}
