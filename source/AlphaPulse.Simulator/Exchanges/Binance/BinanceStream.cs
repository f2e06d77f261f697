using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Binance;

/// <summary>
/// A Binance stream name: <c>&lt;symbol&gt;@depth</c>, <c>&lt;symbol&gt;@depth@100ms</c> or <c>&lt;symbol&gt;@trade</c>,
/// symbol in lower case as Binance requires. Both depth speeds carry the simulator's every book update
/// (no 100 ms / 1 s batching), which keeps U/u continuity identical and only changes the pacing.
/// </summary>
internal readonly record struct BinanceStream(string Name, Instrument Instrument, StreamKind Kind)
{
    public static bool TryParse(string name, IReadOnlyList<Instrument> instruments, out BinanceStream stream)
    {
        stream = default;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }
        var kind = name.AsSpan(at + 1) switch
        {
            "depth" or "depth@100ms" => StreamKind.Depth,
            "trade" => StreamKind.Trade,
            _ => (StreamKind?)null,
        };
        var symbol = name[..at];
        foreach (var instrument in instruments)
        {
            if (kind is not null && string.Equals(symbol, BinanceEncoder.Symbol(instrument).ToLowerInvariant(), StringComparison.Ordinal))
            {
                stream = new BinanceStream(name, instrument, kind.Value);
                return true;
            }
        }
        return false;
    }
}
