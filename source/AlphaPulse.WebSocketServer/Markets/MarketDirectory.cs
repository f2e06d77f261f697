using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// The exchanges the hub reads, by name, and what a subscription pattern names among them: whether it
/// names anything known (and, when not, the refusal that says what is), and the streams it matches now.
/// Added to and searched on the hub's thread; <see cref="Exchanges"/> may be read from any thread.
/// </summary>
internal sealed class MarketDirectory
{
    private readonly Dictionary<string, ExchangeState> _byName = new(StringComparer.OrdinalIgnoreCase);
    private ExchangeState[] _exchanges = [];

    /// <summary>The exchanges read, as an array replaced (never changed) on each addition: safe from any thread.</summary>
    public ExchangeState[] Exchanges => Volatile.Read(ref _exchanges);

    public bool Contains(string exchange) => _byName.ContainsKey(exchange);

    public void Add(ExchangeState exchange)
    {
        _byName.Add(exchange.Name, exchange);
        Volatile.Write(ref _exchanges, [.. _exchanges, exchange]);
    }

    /// <summary>
    /// Whether the pattern names an exchange read (or *) and a symbol it lists (or *). Before refusing a
    /// symbol, <paramref name="refresh"/> loads the tables of rings whose writer was still starting up
    /// when the last records were read: a symbol published a moment ago is not refused.
    /// </summary>
    public bool IsKnown(SubscriptionPattern pattern, Action<ExchangeState> refresh, out string code, out string message)
    {
        code = message = string.Empty;
        if (pattern.Exchange != ProtocolNames.Wildcard && !_byName.ContainsKey(pattern.Exchange))
        {
            code = ErrorCode.UnknownExchange;
            message = $"exchange must be one the server reads or *: exchange={pattern.Exchange}, known={string.Join(",", _byName.Keys)} (check the name, or subscribe with * to get it when it appears)";
            return false;
        }

        if (pattern.Symbol == ProtocolNames.Wildcard || pattern.Channel == StreamChannel.Stats || IsListed(pattern, refresh))
        {
            return true;
        }

        code = ErrorCode.UnknownSymbol;
        message = $"symbol must be one the exchange's collector lists, or *: exchange={pattern.Exchange}, symbol={pattern.Symbol}, listed={ListedSymbols(pattern)} (use a listed name; case and the separators - / _ do not matter, so BTCUSDT and BTC/USDT both mean BTC-USDT)";
        return false;
    }

    /// <summary>Fills <paramref name="matched"/> with every existing stream the pattern matches.</summary>
    public void Match(SubscriptionPattern pattern, List<MarketStream> matched)
    {
        matched.Clear();
        foreach (var exchange in _exchanges)
        {
            if (!pattern.MatchesExchange(exchange.Name))
            {
                continue;
            }

            if (pattern.Channel == StreamChannel.Stats)
            {
                matched.Add(exchange.Stats);
                continue;
            }

            foreach (var market in exchange.Markets)
            {
                if (pattern.Matches(exchange.Name, market.Symbol))
                {
                    matched.Add(pattern.Channel switch
                    {
                        StreamChannel.Trades => market.Trades,
                        StreamChannel.Ticker => market.Ticker,
                        _ => market.View(pattern.Depth)!.Stream,
                    });
                }
            }
        }
    }

    private bool IsListed(SubscriptionPattern pattern, Action<ExchangeState> refresh)
    {
        foreach (var exchange in _exchanges)
        {
            if (!pattern.MatchesExchange(exchange.Name))
            {
                continue;
            }

            if (!exchange.Lists(pattern.Symbol))
            {
                refresh(exchange);
            }

            if (exchange.Lists(pattern.Symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbols of the exchanges the pattern names, for the unknown_symbol hint (allocates; refusals only).</summary>
    private string ListedSymbols(SubscriptionPattern pattern)
    {
        var listed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var exchange in _exchanges)
        {
            if (pattern.MatchesExchange(exchange.Name))
            {
                listed.UnionWith(exchange.Symbols);
            }
        }

        return listed.Count == 0 ? "none yet" : string.Join(",", listed);
    }
}
