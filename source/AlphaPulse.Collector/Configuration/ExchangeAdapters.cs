using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Collector.Configuration;

/// <summary>The exchanges a collector can serve, by <c>EXCHANGE</c> value. Stateless; safe from any thread.</summary>
public static class ExchangeAdapters
{
    /// <summary>Exchanges the deployment names.</summary>
    public static readonly IReadOnlyList<string> Known = [BinanceAdapter.ExchangeName, CoinbaseAdapter.ExchangeName, KrakenAdapter.ExchangeName];

    /// <summary>The adapter for an <c>EXCHANGE</c> value, with its own settings from <paramref name="variables"/> (Coinbase credentials); null when unknown.</summary>
    /// <exception cref="SettingsException">An adapter setting is wrong.</exception>
    public static IExchangeAdapter? Create(string exchange, Func<string, string?> variables) => exchange switch
    {
        BinanceAdapter.ExchangeName => new BinanceAdapter(),
        CoinbaseAdapter.ExchangeName => new CoinbaseAdapter(CoinbaseCredentials.Read(variables)),
        KrakenAdapter.ExchangeName => new KrakenAdapter(),
        _ => null,
    };
}
