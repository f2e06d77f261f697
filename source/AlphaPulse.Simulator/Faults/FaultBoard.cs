namespace AlphaPulse.Simulator.Faults;

/// <summary>One injected fault, as reported by <c>GET /control/faults</c>.</summary>
internal sealed record FaultRecord(
    long Sequence, FaultKind Kind, long Connection, string Exchange, string Symbol, string Stream, long FirstUpdateId, long LastUpdateId);

/// <summary>The body of <c>GET /control/faults</c>: active control rules, counts per kind and per symbol, recent faults.</summary>
internal sealed record FaultReport(
    IReadOnlyList<FaultRule> Rules,
    IReadOnlyDictionary<string, long> Injected,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BySymbol,
    IReadOnlyList<FaultRecord> Recent);

/// <summary>
/// The simulator-wide fault state: rules posted to the control endpoint (which act on every connection,
/// current and future, until cleared) and the count of every fault injected anywhere, so tests can check
/// that a collector detected each one. Thread-safe; connections poll <see cref="Version"/> per message.
/// </summary>
internal sealed class FaultBoard
{
    private const int RecentLimit = 1000;

    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, long[]> _bySymbol = new(StringComparer.Ordinal);
    private readonly Queue<FaultRecord> _recent = new();
    private readonly long[] _totals = new long[Enum.GetValues<FaultKind>().Length];
    private long _sequence;
    private volatile int _version;

    public int Version => _version;

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
            _version++;
        }
    }

    public void ClearRules()
    {
        lock (_gate)
        {
            _rules.Clear();
            _version++;
        }
    }

    public void Record(FaultKind kind, long connection, string exchange, string symbol, string stream, long firstUpdateId, long lastUpdateId)
    {
        lock (_gate)
        {
            _totals[(int)kind]++;
            if (!_bySymbol.TryGetValue(symbol, out var counts))
            {
                _bySymbol[symbol] = counts = new long[_totals.Length];
            }
            counts[(int)kind]++;
            _recent.Enqueue(new FaultRecord(++_sequence, kind, connection, exchange, symbol, stream, firstUpdateId, lastUpdateId));
            if (_recent.Count > RecentLimit)
            {
                _recent.Dequeue();
            }
        }
    }

    public FaultReport Report()
    {
        lock (_gate)
        {
            return new FaultReport(
                [.. _rules],
                ByKind(_totals),
                _bySymbol.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, long>)ByKind(p.Value), StringComparer.Ordinal),
                [.. _recent]);
        }
    }

    private static Dictionary<string, long> ByKind(long[] counts) =>
        Enum.GetValues<FaultKind>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => counts[(int)k], StringComparer.Ordinal);
}
