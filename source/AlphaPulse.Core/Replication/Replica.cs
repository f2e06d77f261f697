using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// One collector replica's ring as a <see cref="ReplicatedReader"/> sees it: its reader, its books per merged
/// symbol, and the health figures a server exports as metrics. Threading: the merged reader's thread writes;
/// the public figures may be read from any thread (aligned 64-bit volatile reads, at most one poll old).
/// </summary>
public sealed class Replica
{
    private const ushort Unmapped = ushort.MaxValue;

    private ushort[] _map = [];
    private ShadowBook[] _books = [];
    private long _lag;
    private long _latency;
    private long _staleness;
    private long _records;
    private long _duplicates;
    private long _failovers;
    private long _lastPublished = -1;
    private long _lastAdvance;
    private int _stale;

    internal Replica(string name, string path, RingReader reader, long now)
    {
        Name = name;
        Path = path;
        Reader = reader;
        _lastAdvance = now;
    }

    /// <summary>The replica id from the ring's name (<c>binance-a.ring</c> → <c>a</c>).</summary>
    public string Name { get; }

    public string Path { get; }

    /// <summary>Records the writer published that this reader has not read yet.</summary>
    public long Lag => Volatile.Read(ref _lag);

    /// <summary>Publish → read latency of the last record read, ns (writer and reader share CLOCK_MONOTONIC).</summary>
    public long LatencyNanoseconds => Volatile.Read(ref _latency);

    /// <summary>Time since the writer last published anything (collectors heartbeat every second), ns.</summary>
    public long StalenessNanoseconds => Volatile.Read(ref _staleness);

    /// <summary>Published nothing for <see cref="ReplicationOptions.StaleAfter"/>: its symbols failed over.</summary>
    public bool IsStale => Volatile.Read(ref _stale) != 0;

    public long Records => Volatile.Read(ref _records);

    /// <summary>Book updates and trades dropped because another replica delivered them first.</summary>
    public long DuplicatesDropped => Volatile.Read(ref _duplicates);

    /// <summary>Times a symbol was moved away from this replica (stale, book reset, restart, lost records).</summary>
    public long Failovers => Volatile.Read(ref _failovers);

    /// <summary>Writer restarts seen on this ring.</summary>
    public long EpochChanges => Reader.EpochChanges;

    /// <summary>Records lost because this reader was lapped.</summary>
    public long RecordsLost => Reader.Lost;

    /// <summary>Times this reader was lapped on the replica's ring.</summary>
    public long Lapped => Reader.Lapped;

    internal RingReader Reader { get; }

    /// <summary>The writer's publish time of the last record read (monotonic ns).</summary>
    internal long LastPublishTime { get; set; }

    internal void CountRecord() => _records++;

    internal void CountDuplicate() => _duplicates++;

    internal void CountFailover() => Interlocked.Increment(ref _failovers);

    /// <summary>This replica's book of a merged symbol.</summary>
    internal ShadowBook Book(int symbol) => _books[symbol];

    /// <summary>The merged symbol of a ring instrument id; −1 when the table does not name it (yet).</summary>
    internal int Symbol(ushort instrumentId) => instrumentId < _map.Length && _map[instrumentId] != Unmapped ? _map[instrumentId] : -1;

    /// <summary>Maps the ring's instrument table onto merged symbols (rare path: open and writer restarts).</summary>
    internal void MapInstruments(Func<Instrument, int> symbolOf, int symbolCount)
    {
        var instruments = Reader.Instruments;
        var map = new ushort[instruments.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = (ushort)symbolOf(instruments[i]);
        }
        _map = map;
        EnsureSymbols(Math.Max(symbolCount, MaxSymbol(map) + 1));
    }

    internal void EnsureSymbols(int count)
    {
        if (_books.Length >= count)
        {
            return;
        }
        var books = new ShadowBook[count];
        Array.Copy(_books, books, _books.Length);
        for (var i = _books.Length; i < count; i++)
        {
            books[i] = new ShadowBook();
        }
        _books = books;
    }

    internal void InvalidateAll()
    {
        foreach (var book in _books)
        {
            book.Invalidate();
        }
    }

    /// <summary>Health at <paramref name="now"/>: lag, latency of the last record, and whether the writer still moves.</summary>
    internal bool UpdateHealth(long now, long staleAfterNs)
    {
        var lastPublishTime = LastPublishTime;
        var published = Reader.PublishedSequence;
        if (published != _lastPublished)
        {
            _lastPublished = published;
            _lastAdvance = now;
        }
        Volatile.Write(ref _lag, Math.Max(0, published - (Reader.Position - 1)));
        Volatile.Write(ref _latency, lastPublishTime == 0 ? 0 : Math.Max(0, now - lastPublishTime));
        Volatile.Write(ref _staleness, now - _lastAdvance);
        var stale = now - _lastAdvance > staleAfterNs;
        Volatile.Write(ref _stale, stale ? 1 : 0);
        return stale;
    }

    private static int MaxSymbol(ushort[] map)
    {
        var max = -1;
        foreach (var symbol in map)
        {
            max = Math.Max(max, symbol);
        }
        return max;
    }
}
