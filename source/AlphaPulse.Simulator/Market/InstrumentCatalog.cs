namespace AlphaPulse.Simulator.Market;

/// <summary>The instruments the simulator can serve; SIM_SYMBOLS picks a subset by normalised name.</summary>
internal static class InstrumentCatalog
{
    // Tick and lot sizes follow the venues' own filters: Binance BTCUSDT PRICE_FILTER tickSize 0.01 and
    // LOT_SIZE stepSize 0.00001; ETHUSDT 0.01 / 0.0001; Coinbase and Kraken quote USD in cents with
    // 1e-8 size increments.
    public static IReadOnlyList<Instrument> All { get; } =
    [
        new("BTC-USDT", "BTC", "USDT", TickE8: 1_000_000, LotE8: 1_000, StartPriceTicks: 6_000_000),
        new("ETH-USDT", "ETH", "USDT", TickE8: 1_000_000, LotE8: 10_000, StartPriceTicks: 300_000),
        new("BTC-USD", "BTC", "USD", TickE8: 1_000_000, LotE8: 1, StartPriceTicks: 6_000_000),
        new("ETH-USD", "ETH", "USD", TickE8: 1_000_000, LotE8: 1, StartPriceTicks: 300_000),
    ];

    /// <summary>Coinbase and Kraken quote the simulator's instruments in USD only.</summary>
    public static bool IsUsd(Instrument instrument) => instrument.Quote == "USD";

    public static string Names => string.Join(',', All.Select(i => i.Name));

    public static Instrument? Find(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
}
