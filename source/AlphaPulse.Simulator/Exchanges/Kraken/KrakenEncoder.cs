using System.Runtime.InteropServices;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// Kraken Spot WebSocket API v2 messages, field for field (docs.kraken.com/exchange/api-reference/
/// spot-websocket-v2: "book", "trade", "status", "heartbeat", "ping"; and live frames of ws.kraken.com/v2
/// where the reference leaves order open). Channel messages are <c>{"channel","type","data":[…]}</c>;
/// method responses list their fields alphabetically, as the venue sends them. Prices and quantities are
/// JSON numbers written with the instrument's exact decimals (<c>60000.10</c>, <c>0.00100000</c>), never in
/// exponent notation.
/// </summary>
internal static class KrakenEncoder
{
    /// <summary>The API version the status message reports (what ws.kraken.com/v2 reports at the time of writing).</summary>
    public const string Version = "2.0.10";

    public static string Symbol(Instrument instrument) => instrument.Base + "/" + instrument.Quote;

    /// <summary><c>{"channel":"status","type":"update","data":[{"version","system","api_version","connection_id"}]}</c>, sent on connect.</summary>
    public static void Status(JsonText text, ulong connectionId) =>
        text.Raw("{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\""u8).Ascii(Version)
            .Raw("\",\"system\":\"online\",\"api_version\":\"v2\",\"connection_id\":"u8).Number(connectionId)
            .Raw("}]}"u8);

    public static void Heartbeat(JsonText text) => text.Raw("{\"channel\":\"heartbeat\"}"u8);

    /// <summary>A successful subscribe or unsubscribe acknowledgement for one symbol.</summary>
    public static void Ack(JsonText text, string method, long? requestId, KrakenSubscription subscription, long timeInMs, long timeOutMs)
    {
        text.Raw("{\"method\":\""u8).Ascii(method).Raw("\""u8);
        RequestId(text, requestId);
        text.Raw(",\"result\":{\"channel\":\""u8).Ascii(subscription.Channel).Raw("\""u8);
        if (subscription.Channel == KrakenSubscription.Book)
        {
            text.Raw(",\"depth\":"u8).Number(subscription.Depth);
        }
        if (method == "subscribe")
        {
            text.Raw(",\"snapshot\":"u8).Bool(subscription.Snapshot);
        }
        text.Raw(",\"symbol\":\""u8).Ascii(Symbol(subscription.Instrument))
            .Raw("\"},\"success\":true"u8);
        Times(text, timeInMs, timeOutMs);
    }

    /// <summary><c>{"error":…,"method":…,"req_id":…,"success":false,"symbol":…,"time_in":…,"time_out":…}</c>.</summary>
    public static void Error(JsonText text, string error, string? method, long? requestId, string? symbol, long timeInMs, long timeOutMs)
    {
        text.Raw("{\"error\":"u8).String(error);
        if (method is not null)
        {
            text.Raw(",\"method\":"u8).String(method);
        }
        RequestId(text, requestId);
        text.Raw(",\"success\":false"u8);
        if (symbol is not null)
        {
            text.Raw(",\"symbol\":"u8).String(symbol);
        }
        Times(text, timeInMs, timeOutMs);
    }

    /// <summary><c>{"method":"pong","req_id":…,"time_in":…,"time_out":…}</c>, the answer to <c>{"method":"ping"}</c>.</summary>
    public static void Pong(JsonText text, long? requestId, long timeInMs, long timeOutMs)
    {
        text.Raw("{\"method\":\"pong\""u8);
        RequestId(text, requestId);
        Times(text, timeInMs, timeOutMs);
    }

    /// <summary>A book snapshot: the top <see cref="KrakenBookView.Depth"/> levels per side, bids best first, asks best first.</summary>
    public static void BookSnapshot(JsonText text, KrakenBookView view, long timeMs, bool updateIds)
    {
        BookPrefix(text, "snapshot", view.Instrument);
        BookLevels.Write(text, view.Instrument, view.Side(bids: true), view.Depth, Level);
        text.Raw(",\"asks\":"u8);
        BookLevels.Write(text, view.Instrument, view.Side(bids: false), view.Depth, Level);
        BookSuffix(text, view.Checksum, timeMs, updateIds ? view.LastUpdateId : null);
    }

    /// <summary>A book update with the levels <see cref="KrakenBookView.Apply"/> chose; a corrupt frame carries a wrong checksum.</summary>
    public static void BookUpdate(JsonText text, KrakenBookView view, long timeMs, bool corrupt, bool updateIds)
    {
        BookPrefix(text, "update", view.Instrument);
        BookLevels.WriteChanges(text, view.Instrument, CollectionsMarshal.AsSpan(view.BidChanges), Level);
        text.Raw(",\"asks\":"u8);
        BookLevels.WriteChanges(text, view.Instrument, CollectionsMarshal.AsSpan(view.AskChanges), Level);
        BookSuffix(text, corrupt ? unchecked(view.Checksum + 1) : view.Checksum, timeMs, updateIds ? view.LastUpdateId : null);
    }

    /// <summary><c>{"channel":"trade","type":…,"data":[{symbol,side,price,qty,ord_type,trade_id,timestamp}…]}</c>; side is the taker's.</summary>
    public static void Trades(JsonText text, string type, ReadOnlySpan<Trade> trades)
    {
        text.Raw("{\"channel\":\"trade\",\"type\":\""u8).Ascii(type).Raw("\",\"data\":["u8);
        for (var i = 0; i < trades.Length; i++)
        {
            var trade = trades[i];
            var instrument = trade.Instrument;
            text.Raw(i == 0 ? "{\"symbol\":\""u8 : ",{\"symbol\":\""u8).Ascii(Symbol(instrument))
                .Raw(trade.BuyerIsMaker ? "\",\"side\":\"sell\",\"price\":"u8 : "\",\"side\":\"buy\",\"price\":"u8)
                .Plain(instrument.PriceE8(trade.PriceTicks), instrument.PriceDecimals)
                .Raw(",\"qty\":"u8).Plain(instrument.QuantityE8(trade.QuantityLots), instrument.QuantityDecimals)
                // The simulator's aggressors are market orders.
                .Raw(",\"ord_type\":\"market\",\"trade_id\":"u8).Number(trade.TradeId)
                .Raw(",\"timestamp\":"u8).Time(trade.TimeMs).Raw("}"u8);
        }
        text.Raw("]}"u8);
    }

    /// <summary>One level as Kraken writes it in a book message (and the truth endpoint): <c>{"price":60000.10,"qty":0.00100000}</c>.</summary>
    public static void Level(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        text.Raw("{\"price\":"u8).Plain(instrument.PriceE8(priceTicks), instrument.PriceDecimals)
            .Raw(",\"qty\":"u8).Plain(instrument.QuantityE8(quantityLots), instrument.QuantityDecimals).Raw("}"u8);

    private static void BookPrefix(JsonText text, string type, Instrument instrument) =>
        text.Raw("{\"channel\":\"book\",\"type\":\""u8).Ascii(type)
            .Raw("\",\"data\":[{\"symbol\":\""u8).Ascii(Symbol(instrument)).Raw("\",\"bids\":"u8);

    private static void BookSuffix(JsonText text, uint checksum, long timeMs, long? updateId)
    {
        text.Raw(",\"checksum\":"u8).Number((ulong)checksum).Raw(",\"timestamp\":"u8).Time(timeMs);
        if (updateId is { } id)
        {
            // Simulator extension, only with ?updateIds=true: the model update id for /truth?at=.
            text.Raw(",\"sim_update_id\":"u8).Number(id);
        }
        text.Raw("}]}"u8);
    }

    private static void RequestId(JsonText text, long? requestId)
    {
        if (requestId is { } id)
        {
            text.Raw(",\"req_id\":"u8).Number(id);
        }
    }

    private static void Times(JsonText text, long timeInMs, long timeOutMs) =>
        text.Raw(",\"time_in\":"u8).Time(timeInMs).Raw(",\"time_out\":"u8).Time(timeOutMs).Raw("}"u8);
}
