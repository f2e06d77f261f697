using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Feeds;

/// <summary>
/// Follows one replica ring of an exchange; when it has been silent for the stale period and another
/// replica ring exists, fails over to that one and rebuilds from its history (newest snapshots).
/// Loss-free arbitration between replicas is issue 5's merged reader; this is the stand-in behind
/// <see cref="IExchangeFeed"/>. Single-threaded: the market hub's thread only. Reading allocates nothing.
/// </summary>
internal sealed class ReplicaRingFeed : IExchangeFeed
{
    private readonly List<string> _sources = [];
    private readonly ReaderOptions _options;
    private readonly long _staleMs;
    private RingReader _reader;
    private int _active;
    private long _liveFrom;
    private long _lastRecordMs;
    private long _lostBefore;

    public ReplicaRingFeed(string exchange, string path, IdleMode idle, TimeSpan stale)
    {
        Exchange = exchange;
        _options = new ReaderOptions { Start = StartPosition.Newest, Idle = idle };
        _staleMs = (long)stale.TotalMilliseconds;
        _sources.Add(path);
        _reader = OpenReplaying(path);
    }

    public string Exchange { get; }

    public IReadOnlyList<Instrument> Instruments => _reader.Instruments;

    public bool IsReplaying { get; private set; }

    public long Lost => _lostBefore + _reader.Lost;

    public long Resyncs { get; private set; }

    public string ActiveSource => _reader.Path;

    public IReadOnlyList<string> Sources => _sources;

    public bool RefreshInstruments() => _reader.RefreshInstruments();

    public void AddSource(string path)
    {
        if (!_sources.Contains(path))
        {
            _sources.Add(path);
        }
    }

    public bool TryRead(out RecordView record)
    {
        if (_reader.TryRead(out record))
        {
            _lastRecordMs = Environment.TickCount64;
            IsReplaying = record.Sequence < _liveFrom;
            if (record.IsNewEpoch)
            {
                Resyncs++;
            }

            return true;
        }

        if (_sources.Count > 1 && Environment.TickCount64 - _lastRecordMs > _staleMs)
        {
            FailOverOnStale();
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// Opens at the oldest record still in the ring so books rebuild from its latest snapshots; records
    /// published before opening are replay. A new reader has a new instrument list, which is how the
    /// hub learns to resynchronise after a failover.
    /// </summary>
    private RingReader OpenReplaying(string path)
    {
        var reader = RingReader.Open(path, _options);
        _liveFrom = reader.Position;
        reader.Seek(StartPosition.Oldest);
        _lastRecordMs = Environment.TickCount64;
        return reader;
    }

    private void FailOverOnStale()
    {
        var next = (_active + 1) % _sources.Count;
        RingReader reader;
        try
        {
            reader = OpenReplaying(_sources[next]);
        }
        catch (SharedMemoryException)
        {
            // That replica's ring is not readable (yet): try the following one after another stale period.
            _active = next;
            _lastRecordMs = Environment.TickCount64;
            return;
        }

        _lostBefore += _reader.Lost;
        _reader.Dispose();
        _reader = reader;
        _active = next;
        Resyncs++;
    }
}
