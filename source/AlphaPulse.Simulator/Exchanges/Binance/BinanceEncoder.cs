using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Binance;

/// <summary>
/// Binance spot market-data payloads, field for field and in the documented order
/// (binance-spot-api-docs, web-socket-streams.md "Diff. Depth Stream" and "Trade Streams"; rest-api.md
/// "Order book"). Prices and quantities are strings with 8 decimals, as Binance sends them.
/// </summary>
internal static class BinanceEncoder
{
    public static string Symbol(Instrument instrument) => instrument.Base + instrument.Quote;

    /// <summary>
    /// <c>{"e":"depthUpdate","E":…,"s":…,"U":…,"u":…,"b":[[p,q]…],"a":[[p,q]…]}</c>. Quantities are absolute;
    /// "0.00000000" removes the level. <paramref name="idShift"/> moves U and u to break continuity (a
    /// "corrupt" fault) while leaving the levels intact.
    /// </summary>
    public static void DepthUpdate(JsonText text, BookUpdate update, string symbol, long idShift = 0)
    {
        text.Raw("{\"e\":\"depthUpdate\",\"E\":"u8).Number(update.TimeMs)
            .Raw(",\"s\":\""u8).Ascii(symbol)
            .Raw("\",\"U\":"u8).Number(update.FirstUpdateId + idShift)
            .Raw(",\"u\":"u8).Number(update.LastUpdateId + idShift)
            .Raw(",\"b\":"u8);
        BookLevels.WriteChanges(text, update.Instrument, update.Bids, Level);
        text.Raw(",\"a\":"u8);
        BookLevels.WriteChanges(text, update.Instrument, update.Asks, Level);
        text.Raw("}"u8);
    }

    /// <summary><c>{"e":"trade","E":…,"s":…,"t":…,"p":…,"q":…,"T":…,"m":…,"M":true}</c>; m is true when the buyer was the maker.</summary>
    public static void Trade(JsonText text, Trade trade, string symbol) =>
        text.Raw("{\"e\":\"trade\",\"E\":"u8).Number(trade.TimeMs)
            .Raw(",\"s\":\""u8).Ascii(symbol)
            .Raw("\",\"t\":"u8).Number(trade.TradeId)
            .Raw(",\"p\":"u8).Decimal(trade.Instrument.PriceE8(trade.PriceTicks))
            .Raw(",\"q\":"u8).Decimal(trade.Instrument.QuantityE8(trade.QuantityLots))
            .Raw(",\"T\":"u8).Number(trade.TimeMs)
            .Raw(",\"m\":"u8).Bool(trade.BuyerIsMaker)
            .Raw(",\"M\":true}"u8);

    /// <summary><c>{"lastUpdateId":…,"bids":[…best first],"asks":[…best first]}</c> limited to <paramref name="limit"/> levels a side.</summary>
    public static void Snapshot(JsonText text, BookCapture state, int limit)
    {
        text.Raw("{\"lastUpdateId\":"u8).Number(state.LastUpdateId).Raw(",\"bids\":"u8);
        Levels(text, state.Instrument, state.Bids, limit);
        text.Raw(",\"asks\":"u8);
        Levels(text, state.Instrument, state.Asks, limit);
        text.Raw("}"u8);
    }

    public static void Level(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        text.Raw("["u8).Decimal(instrument.PriceE8(priceTicks)).Raw(","u8)
            .Decimal(instrument.QuantityE8(quantityLots)).Raw("]"u8);

    /// <summary>The combined-stream wrapper opens with <c>{"stream":"…","data":</c> and closes with <c>}</c>.</summary>
    public static void CombinedPrefix(JsonText text, string stream) =>
        text.Raw("{\"stream\":\""u8).Ascii(stream).Raw("\",\"data\":"u8);

    public static void Levels(JsonText text, Instrument instrument, PriceLadder side, int limit) =>
        BookLevels.Write(text, instrument, side, limit, Level);
}
