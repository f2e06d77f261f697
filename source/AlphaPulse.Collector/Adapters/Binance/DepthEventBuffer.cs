using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// Diff-depth events buffered while a book waits for its REST snapshot (Binance's procedure, step 2):
/// update ids, event time and levels, stored flat. Single-threaded (under the session's gate);
/// grows while warming up and then allocates nothing.
/// </summary>
internal sealed class DepthEventBuffer(int maxEvents)
{
    private Entry[] _entries = new Entry[64];
    private PriceLevel[] _levels = new PriceLevel[1024];
    private int _count;
    private int _first;
    private int _levelCount;

    /// <summary>Events still buffered (not dropped).</summary>
    public int Count => _count - _first;

    public bool IsFull => _count >= maxEvents;

    /// <summary><c>U</c> of the first buffered event.</summary>
    public long FirstUpdateId => _entries[_first].FirstUpdateId;

    public long LastEventTime => _entries[_count - 1].EventTime;

    public void Clear()
    {
        _count = 0;
        _first = 0;
        _levelCount = 0;
    }

    public void Add(in BinanceEvent evt, LevelBatch levels)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }
        while (_levelCount + levels.Count > _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        _entries[_count++] = new Entry(evt.FirstUpdateId, evt.FinalUpdateId, evt.EventTime, _levelCount, levels.Bids.Length, levels.Asks.Length);
        levels.Bids.CopyTo(_levels.AsSpan(_levelCount));
        _levelCount += levels.Bids.Length;
        levels.Asks.CopyTo(_levels.AsSpan(_levelCount));
        _levelCount += levels.Asks.Length;
    }

    /// <summary>Step 5: discards every leading event whose <c>u</c> ≤ <paramref name="lastUpdateId"/>; returns how many.</summary>
    public int DropThrough(long lastUpdateId)
    {
        var dropped = 0;
        while (_first < _count && _entries[_first].FinalUpdateId <= lastUpdateId)
        {
            _first++;
            dropped++;
        }
        return dropped;
    }

    /// <summary>The <paramref name="index"/>-th remaining event: ids, and its levels copied into <paramref name="levels"/>.</summary>
    public (long FirstUpdateId, long FinalUpdateId, long EventTime) Get(int index, LevelBatch levels)
    {
        var entry = _entries[_first + index];
        levels.Clear();
        levels.AddRange(_levels.AsSpan(entry.LevelStart, entry.BidCount), _levels.AsSpan(entry.LevelStart + entry.BidCount, entry.AskCount));
        return (entry.FirstUpdateId, entry.FinalUpdateId, entry.EventTime);
    }

    private readonly record struct Entry(long FirstUpdateId, long FinalUpdateId, long EventTime, int LevelStart, int BidCount, int AskCount);
}
