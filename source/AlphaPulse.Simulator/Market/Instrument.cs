namespace AlphaPulse.Simulator.Market;

/// <summary>
/// One simulated instrument. All prices and sizes are integers in units of 1e-8 (<see cref="DecimalText.Scale"/>):
/// the book itself counts in ticks and lots, and the wire text is produced from integers, never from double.
/// </summary>
/// <param name="Name">Normalised name, <c>BASE-QUOTE</c> (as in the collectors' SYMBOLS variable).</param>
/// <param name="Base">Base asset (BTC).</param>
/// <param name="Quote">Quote asset (USDT).</param>
/// <param name="TickE8">Price increment in 1e-8 units.</param>
/// <param name="LotE8">Quantity increment in 1e-8 units.</param>
/// <param name="StartPriceTicks">Mid price the model starts from, in ticks.</param>
internal sealed record Instrument(string Name, string Base, string Quote, long TickE8, long LotE8, long StartPriceTicks)
{
    /// <summary>
    /// The venue whose market this is (<c>binance</c>, <c>coinbase</c>, <c>kraken</c>); empty for the
    /// catalog's venue-neutral entry. Part of equality: each venue's instrument has its own model and streams.
    /// </summary>
    public string Venue { get; init; } = "";

    /// <summary>This instrument as listed on <paramref name="venue"/>.</summary>
    public Instrument On(string venue) => this with { Venue = venue };

    /// <summary>Fractional digits a price is written with: 2 for a 0.01 tick.</summary>
    public int PriceDecimals => DecimalsOf(TickE8);

    /// <summary>Fractional digits a quantity is written with: 8 for a 1e-8 lot.</summary>
    public int QuantityDecimals => DecimalsOf(LotE8);

    public long PriceE8(long ticks) => ticks * TickE8;

    public long QuantityE8(long lots) => lots * LotE8;

    private static int DecimalsOf(long incrementE8)
    {
        var decimals = DecimalText.Decimals;
        for (var step = incrementE8; step % 10 == 0 && decimals > 0; step /= 10)
        {
            decimals--;
        }
        return decimals;
    }
}
