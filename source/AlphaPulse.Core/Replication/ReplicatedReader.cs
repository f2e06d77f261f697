using System.Runtime.CompilerServices;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// One merged stream over every replica of one exchange's collector: each replica writes its own ring
/// (<c>&lt;exchange&gt;-&lt;replica&gt;.ring</c>); this reader reads them all (discovering replicas that appear later),
/// delivers each trade and each book update once — from whichever replica has it first where the exchange numbers
/// them, from one followed replica per symbol where it does not — fails over when a replica stalls, restarts or
/// resets, and keeps the merged books. Threading: single-threaded (the reading thread owns it); the figures of
/// <see cref="Replicas"/> and the counters here may be read from any thread. Reading allocates nothing per record.
/// </summary>
/// <remarks>
/// Consume it like one ring: <c>while (reader.TryRead(out var e)) switch (e.Kind) …</c> — apply
/// <see cref="MergedEventKind.BookDelta"/> levels, replace the book on <see cref="MergedEventKind.BookSnapshot"/>
/// (<see cref="Book"/>), clear it on <see cref="MergedEventKind.BookReset"/>. The merged books are also kept here:
/// <see cref="Book"/> is always the state after the last event returned. Rules: docs/replication.md.
/// </remarks>
public sealed class ReplicatedReader : IDisposable
{
    /// <summary>Health and discovery run at least this often (records), so a busy stream still notices a stale replica.</summary>
    private const int MaintenanceEveryRecords = 1024;

    private readonly ReplicationOptions _options;
    private readonly long _staleAfterNs;
    private readonly long _discoveryIntervalNs;
    private readonly IdleStrategy _idle;
    private readonly PendingEvents _pending = new();
    private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
    private readonly List<MergedSymbol> _symbols = [];
    private Replica[] _replicas = [];
    private Instrument[] _instruments = [];
    private int _cursor;
    private int _sinceMaintenance;
    private long _lastDiscovery = long.MinValue;
    private long _failovers;
    private long _duplicates;
    private bool _disposed;

    private ReplicatedReader(ReplicationOptions options)
    {
        _options = options;
        _staleAfterNs = options.StaleAfter.Ticks * 100;
        _discoveryIntervalNs = options.DiscoveryInterval.Ticks * 100;
        _idle = new IdleStrategy(options.Idle);
    }

    /// <summary>The replicas found so far, in discovery order (an event's <see cref="MergedEvent.Replica"/> indexes it).</summary>
    public IReadOnlyList<Replica> Replicas => _replicas;

    /// <summary>Merged symbols (<c>BTC-USD</c>), in the order first seen; an event's <see cref="MergedEvent.Symbol"/> indexes it.</summary>
    public IReadOnlyList<string> Symbols => _symbols.ConvertAll(static s => s.Name);

    /// <summary>
    /// The merged symbols as an instrument table: id = merged symbol id, with the price and size scales
    /// the replicas declare. A new instance when symbols were added (rare), so a consumer can tell.
    /// </summary>
    public IReadOnlyList<Instrument> Instruments => _instruments;

    /// <summary>Symbols moved from one replica to another, over all replicas.</summary>
    public long Failovers => Volatile.Read(ref _failovers);

    /// <summary>Book updates and trades dropped because another replica delivered them first.</summary>
    public long DuplicatesDropped => Volatile.Read(ref _duplicates);

    /// <summary>Starts reading every replica of <see cref="ReplicationOptions.Exchange"/> present now; later ones join as they appear.</summary>
    public static ReplicatedReader Open(ReplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var reader = new ReplicatedReader(options);
        reader.Discover(options.Clock());
        return reader;
    }

    /// <summary>The merged book of a symbol, as of the last event returned.</summary>
    public OrderBook Book(int symbol) => _symbols[symbol].Book;

    /// <summary>True when the symbol's merged book is complete (a replica's snapshot and every update since).</summary>
    public bool IsValid(int symbol) => _symbols[symbol].Valid;

    /// <summary>The exchange sequence of the merged book (0 when the exchange has none).</summary>
    public long Sequence(int symbol) => _symbols[symbol].Sequence;

    /// <summary>The replica a symbol follows (or last failed over to); null when none holds its book.</summary>
    public Replica? Leader(int symbol) => _symbols[symbol].Leader is var leader and >= 0 ? _replicas[leader] : null;

    /// <summary>A symbol's id, or −1 when no replica has declared it yet.</summary>
    public int SymbolId(string symbol) => _symbolIds.TryGetValue(symbol, out var id) ? id : -1;

    /// <summary>
    /// Loads the table of any replica opened while its writer was starting up, so its symbols are known
    /// before its first record (also done whenever the reader is caught up). True when
    /// <see cref="Instruments"/> changed. Cheap when there is nothing to load.
    /// </summary>
    public bool RefreshInstruments()
    {
        var before = _instruments;
        foreach (var replica in _replicas)
        {
            if (replica.Reader.RefreshInstruments())
            {
                replica.MapInstruments(SymbolOf, _symbols.Count);
            }
        }
        return !ReferenceEquals(before, _instruments);
    }

    /// <summary>The next merged event if any replica has one; false when every replica is caught up.</summary>
    public bool TryRead(out MergedEvent merged)
    {
        if (_pending.Count > 0)
        {
            merged = _pending.Take();
            return true;
        }
        var replicas = _replicas;
        for (var idle = 0; idle < replicas.Length;)
        {
            var r = _cursor;
            _cursor = r + 1 == replicas.Length ? 0 : r + 1;
            if (!replicas[r].Reader.TryRead(out var record))
            {
                idle++;
                continue;
            }
            idle = 0;
            if (++_sinceMaintenance >= MaintenanceEveryRecords)
            {
                Maintain(_options.Clock());
            }
            if (OnRecord(r, record, out merged))
            {
                return true;
            }
            if (_pending.Count > 0)
            {
                merged = _pending.Take();
                return true;
            }
        }
        Maintain(_options.Clock());
        if (_pending.Count > 0)
        {
            merged = _pending.Take();
            return true;
        }
        if (_replicas != replicas)
        {
            // Discovery found a replica: read it now rather than report "caught up".
            return TryRead(out merged);
        }
        merged = default;
        return false;
    }

    /// <summary>Waits for the next event with the configured idle strategy; false when cancelled.</summary>
    public bool Read(out MergedEvent merged, CancellationToken cancellationToken)
    {
        while (!TryRead(out merged))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            _idle.Idle();
        }
        _idle.Reset();
        return true;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            foreach (var replica in _replicas)
            {
                replica.Reader.Dispose();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool OnRecord(int r, RecordView record, out MergedEvent merged)
    {
        var replica = _replicas[r];
        replica.CountRecord();
        replica.LastPublishTime = record.PublishTime;
        if (record.LostBefore > 0 || record.IsNewEpoch)
        {
            OnDisrupted(r);
        }
        merged = default;
        var type = record.Type;
        if (type is not (RecordType.Trade or RecordType.BookDelta or RecordType.BookSnapshot))
        {
            return false;
        }
        var symbol = replica.Symbol(record.InstrumentId);
        if (symbol < 0 && (symbol = OnUnmappedInstrument(replica, record.InstrumentId)) < 0)
        {
            return false;
        }
        var state = _symbols[symbol];
        if (type == RecordType.Trade)
        {
            var trade = record.Trade;
            if (!state.TryAcceptTrade(trade.TradeId))
            {
                replica.CountDuplicate();
                _duplicates++;
                return false;
            }
            return Emit(MergedEventKind.Trade, symbol, r, 0, trade with { InstrumentId = (ushort)symbol }, out merged);
        }

        var book = record.Book;
        var (duplicatesBefore, failoversBefore) = (replica.DuplicatesDropped, replica.Failovers);
        var kind = BookArbiter.OnRecord(state, symbol, _replicas, r, record, book);
        _duplicates += replica.DuplicatesDropped - duplicatesBefore;

        // A book reset from the leader fails the symbol over here, not through FailOverFrom.
        _failovers += replica.Failovers - failoversBefore;
        if (kind == MergedEventKind.BookDelta)
        {
            merged = new MergedEvent(kind, symbol, r, book.ExchangeSequence, book.ExchangeTime, (record.Flags & RecordFlags.BatchEnd) != 0, default, book.Bids, book.Asks, record.PublishTime);
            return true;
        }
        return Emit(kind, symbol, r, state.Sequence, default, out merged);
    }

    /// <summary>An event without levels: returned now, or queued behind failover events decided first.</summary>
    private bool Emit(MergedEventKind kind, int symbol, int r, long sequence, Trade trade, out MergedEvent merged)
    {
        merged = default;
        if (kind == MergedEventKind.None)
        {
            return false;
        }
        var publishTime = _replicas[r].LastPublishTime;
        if (_pending.Count == 0)
        {
            merged = new MergedEvent(kind, symbol, r, sequence, trade.ExchangeTime, isBatchEnd: true, trade, default, default, publishTime);
            return true;
        }
        _pending.Add(kind, symbol, r, sequence, publishTime, trade);
        return false;
    }

    /// <summary>The replica restarted (new epoch) or this reader lost records on it: its books are void; what it led fails over.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnDisrupted(int r)
    {
        var replica = _replicas[r];
        replica.MapInstruments(SymbolOf, _symbols.Count);
        replica.InvalidateAll();
        FailOverFrom(r);
    }

    private void FailOverFrom(int r)
    {
        for (var symbol = 0; symbol < _symbols.Count; symbol++)
        {
            var state = _symbols[symbol];
            if (state.Leader == r || state.BatchReplica == r)
            {
                var failoversBefore = _replicas[r].Failovers;
                var kind = BookArbiter.FailOver(state, symbol, _replicas, r);
                _failovers += _replicas[r].Failovers - failoversBefore;
                var from = state.Leader < 0 ? r : state.Leader;
                _pending.Add(kind, symbol, from, state.Sequence, _replicas[from].LastPublishTime);
            }
        }
    }

    /// <summary>An instrument id the replica's table did not map: the writer (re)declared its table; map it again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int OnUnmappedInstrument(Replica replica, ushort instrumentId)
    {
        replica.MapInstruments(SymbolOf, _symbols.Count);
        return replica.Symbol(instrumentId);
    }

    /// <summary>Health of every replica (a replica going stale fails its symbols over), and discovery when due.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Maintain(long now)
    {
        _sinceMaintenance = 0;
        RefreshInstruments();
        for (var r = 0; r < _replicas.Length; r++)
        {
            var wasStale = _replicas[r].IsStale;
            if (_replicas[r].UpdateHealth(now, _staleAfterNs) && !wasStale)
            {
                FailOverFrom(r);
            }
        }
        if (now - _lastDiscovery >= _discoveryIntervalNs)
        {
            Discover(now);
        }
    }

    /// <summary>Opens rings that appeared since the last scan (rare path; allocates). A ring still being created is tried again later.</summary>
    private void Discover(long now)
    {
        _lastDiscovery = now;
        foreach (var (name, path) in ReplicaDirectory.Scan(_options.Directory, _options.Exchange))
        {
            if (Array.Exists(_replicas, r => r.Path == path))
            {
                continue;
            }
            RingReader ring;
            try
            {
                ring = RingReader.Open(path, new ReaderOptions { Start = StartPosition.Oldest, Idle = _options.Idle });
            }
            catch (SharedMemoryException)
            {
                continue;
            }
            var replica = new Replica(name, path, ring, now);
            replica.MapInstruments(SymbolOf, _symbols.Count);
            _replicas = [.. _replicas, replica];
        }
        foreach (var replica in _replicas)
        {
            replica.EnsureSymbols(_symbols.Count);
        }
    }

    /// <summary>
    /// The merged id of a replica's instrument, declaring its symbol on first sight with that replica's
    /// scales (rare path; a new <see cref="Instruments"/> list then).
    /// </summary>
    private int SymbolOf(Instrument instrument)
    {
        if (_symbolIds.TryGetValue(instrument.Symbol, out var id))
        {
            return id;
        }
        id = _symbols.Count;
        _symbols.Add(new MergedSymbol(instrument.Symbol));
        _symbolIds.Add(instrument.Symbol, id);
        _instruments = [.. _instruments, instrument with { Id = (ushort)id }];
        foreach (var replica in _replicas)
        {
            replica.EnsureSymbols(_symbols.Count);
        }
        return id;
    }
}
