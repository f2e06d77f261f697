using System.Text.Json;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Feeds;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One exchange as the hub sees it: its feed, its markets by symbol and by the feed's instrument id
/// (remapped whenever the feed declares symbols), the markets waiting to be published, its stats stream
/// and its <see cref="ExchangeStatistics"/>. Hub thread only, except <see cref="Statistics"/>' liveness.
/// </summary>
internal sealed class ExchangeState
{
    private readonly Dictionary<string, Market> _bySymbol = new(SymbolNames.Comparer);
    private readonly List<Market> _dirty = [];
    private readonly StreamIds _ids;
    private IReadOnlyList<Instrument>? _mapped;
    private Market?[] _byId = [];

    public ExchangeState(string name, MergedRingFeed feed, StreamIds ids)
    {
        Name = name;
        NameJson = JsonEncodedText.Encode(name);
        Feed = feed;
        Statistics = new ExchangeStatistics(name);
        _ids = ids;
        Stats = new MarketStream(ids.Next(), StreamChannel.Stats, this, null, 0);
    }

    public string Name { get; }

    public JsonEncodedText NameJson { get; }

    public MergedRingFeed Feed { get; }

    public ExchangeStatistics Statistics { get; }

    /// <summary>The exchange's stats stream.</summary>
    public MarketStream Stats { get; }

    /// <summary>Markets by symbol, under any spelling <see cref="SymbolNames"/> accepts.</summary>
    public Dictionary<string, Market>.ValueCollection Markets => _bySymbol.Values;

    public Dictionary<string, Market>.KeyCollection Symbols => _bySymbol.Keys;

    public int MarketCount => _bySymbol.Count;

    /// <summary>Markets with levels changed inside a batch whose end has not been read yet.</summary>
    public IReadOnlyList<Market> Dirty => _dirty;

    /// <summary>The replica rings read, comma-separated (stats and logs; allocates).</summary>
    public string Sources => string.Join(",", Feed.Replicas.Select(replica => Path.GetFileName(replica.Path)));

    public Market? Lookup(int symbol) => (uint)symbol < (uint)_byId.Length ? _byId[symbol] : null;

    public bool Lists(string symbol) => _bySymbol.ContainsKey(symbol);

    /// <summary>Lists a market that just became dirty (see <see cref="Market.MarkDirty"/>).</summary>
    public void MarkDirty(Market market)
    {
        if (market.MarkDirty())
        {
            _dirty.Add(market);
        }
    }

    public void ClearDirty() => _dirty.Clear();

    /// <summary>
    /// When the feed's instrument list is a new one (symbols declared: first read, a replica with new
    /// ones), maps ids to markets by symbol, each on the feed's book, and adds markets seen for the first
    /// time to <paramref name="created"/>. False when nothing changed.
    /// </summary>
    public bool RemapIfChanged(List<Market> created)
    {
        var instruments = Feed.Instruments;
        if (ReferenceEquals(instruments, _mapped))
        {
            return false;
        }

        _mapped = instruments;
        var byId = new Market?[instruments.Count];
        foreach (var instrument in instruments)
        {
            if (!_bySymbol.TryGetValue(instrument.Symbol, out var market))
            {
                market = new Market(this, instrument, Feed.Book(instrument.Id), _ids);
                _bySymbol.Add(instrument.Symbol, market);
                created.Add(market);
            }

            market.Declare(instrument, Feed.IsValid(instrument.Id));
            byId[instrument.Id] = market;
        }

        _byId = byId;
        return true;
    }
}
