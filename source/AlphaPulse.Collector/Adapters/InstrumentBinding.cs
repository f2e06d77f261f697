using AlphaPulse.Collector.Configuration;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// One subscribed instrument: its ring instrument id (also its book index), its normalised name and
/// the exchange's own name for it. Immutable.
/// </summary>
/// <param name="Id">Row of the ring's instrument table and index of the collector's book.</param>
/// <param name="Symbol">Normalised <c>BASE-QUOTE</c>.</param>
/// <param name="ExchangeSymbol">As the exchange spells it (<c>BTCUSDT</c>).</param>
public sealed record InstrumentBinding(ushort Id, SymbolName Symbol, string ExchangeSymbol);
