using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;

namespace AlphaPulse.Collector.Configuration;

/// <summary>The exchanges a collector can serve, by <c>EXCHANGE</c> value. Stateless; safe from any thread.</summary>
public static class ExchangeAdapters
{
    /// <summary>Exchanges the deployment names; those without an adapter yet are refused with a clear error.</summary>
    public static readonly IReadOnlyList<string> Known = ["binance", "coinbase", "kraken"];

    public static IExchangeAdapter? Create(string exchange) => exchange switch
    {
        BinanceAdapter.ExchangeName => new BinanceAdapter(),
        _ => null,
    };
}
