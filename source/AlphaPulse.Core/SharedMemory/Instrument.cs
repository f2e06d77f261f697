namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// One row of a ring's instrument table: the symbol, its compact id (the row index) and the decimal
/// scales of its fixed-point prices and sizes. Immutable; safe from any thread.
/// </summary>
/// <param name="Id">Index in the table; the <c>InstrumentId</c> every record carries.</param>
/// <param name="Symbol">Exchange symbol as UTF-8 text, at most 32 bytes (e.g. <c>BTC-USD</c>).</param>
/// <param name="PriceScale">Decimal places of prices: price = value / 10^PriceScale.</param>
/// <param name="SizeScale">Decimal places of sizes: size = value / 10^SizeScale.</param>
public sealed record Instrument(ushort Id, string Symbol, byte PriceScale, byte SizeScale);
