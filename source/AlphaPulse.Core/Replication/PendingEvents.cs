using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// Events a merged reader decided on outside a record's own processing (failovers after a restart, a lap or a
/// stale replica; a record's own event queued behind them), returned first by the next reads. Book deltas are
/// never queued (their levels live in a replica's read buffer). A FIFO over an array that grows on the rare path;
/// single-threaded.
/// </summary>
internal sealed class PendingEvents
{
    private Entry[] _entries = new Entry[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Add(MergedEventKind kind, int symbol, int replica, long exchangeSequence, long publishTime, Trade trade = default)
    {
        if (kind == MergedEventKind.None)
        {
            return;
        }
        if (_count == _entries.Length)
        {
            Grow();
        }
        _entries[(_head + _count) % _entries.Length] = new Entry(kind, symbol, replica, exchangeSequence, publishTime, trade);
        _count++;
    }

    public MergedEvent Take()
    {
        var entry = _entries[_head];
        _head = (_head + 1) % _entries.Length;
        _count--;
        return new MergedEvent(entry.Kind, entry.Symbol, entry.Replica, entry.ExchangeSequence, entry.Trade.ExchangeTime, isBatchEnd: true, entry.Trade, default, default, entry.PublishTime);
    }

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            entries[i] = _entries[(_head + i) % _entries.Length];
        }
        _entries = entries;
        _head = 0;
    }

    private readonly record struct Entry(MergedEventKind Kind, int Symbol, int Replica, long ExchangeSequence, long PublishTime, Trade Trade);
}
