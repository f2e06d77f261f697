namespace AlphaPulse.Simulator.Market;

/// <summary>
/// How one venue's market differs from the others around the shared fair price: how far from its
/// reference new orders rest (its typical spread), how deep its book is, and how far and how fast its
/// price strays from fair value (its premium). Different premiums are what make cross-exchange
/// arbitrage appear now and then, as it does live; a rare dislocation moves one venue's premium by a
/// few basis points at once and decays.
/// </summary>
/// <param name="Venue">Lower-case venue name, as in <c>/truth/{exchange}/…</c>.</param>
/// <param name="HalfSpreadTicks">Ticks from the reference price inside which new orders do not rest.</param>
/// <param name="DepthPercent">The venue's book depth as a percentage of SIM_DEPTH.</param>
/// <param name="PremiumLimitTicks">How far the premium wanders from fair value in normal trading.</param>
/// <param name="DislocationTicks">Size of a rare dislocation of the premium.</param>
/// <param name="UsdOnly">Whether the venue lists only USD-quoted instruments.</param>
internal sealed record VenueProfile(string Venue, int HalfSpreadTicks, int DepthPercent, int PremiumLimitTicks, int DislocationTicks, bool UsdOnly)
{
    /// <summary>Binance: tight and deep; Coinbase: a little wider; Kraken: widest and thinnest.</summary>
    public static IReadOnlyList<VenueProfile> All { get; } =
    [
        new("binance", HalfSpreadTicks: 1, DepthPercent: 100, PremiumLimitTicks: 1, DislocationTicks: 300, UsdOnly: false),
        new("coinbase", HalfSpreadTicks: 3, DepthPercent: 80, PremiumLimitTicks: 2, DislocationTicks: 400, UsdOnly: true),
        new("kraken", HalfSpreadTicks: 4, DepthPercent: 60, PremiumLimitTicks: 3, DislocationTicks: 500, UsdOnly: true),
    ];

    public bool Lists(Instrument instrument) => !UsdOnly || InstrumentCatalog.IsUsd(instrument);

    /// <summary>Levels per side this venue's model keeps for SIM_DEPTH <paramref name="depth"/> (at least 10).</summary>
    public int LevelsFor(int depth) => Math.Max(10, depth * DepthPercent / 100);
}
