namespace AlphaPulse.Simulator.Market;

/// <summary>
/// One simulated instrument. All prices and sizes are integers in units of 1e-8 (<see cref="FixedPoint.Scale"/>):
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
    public long PriceE8(long ticks) => ticks * TickE8;

    public long QuantityE8(long lots) => lots * LotE8;
}
