using System.Buffers.Binary;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// Coinbase Exchange WebSocket feed messages, field for field and in the order of the documentation's
/// examples (docs.cdp.coinbase.com/exchange/websocket-feed: overview "Subscribe", channels "Heartbeat",
/// "Level2", "Matches"). Prices are strings with the product's quote increment (2 decimals for USD),
/// sizes strings with 8 decimals; times RFC 3339 with microseconds.
/// </summary>
internal static class CoinbaseEncoder
{
    public static string ProductId(Instrument instrument) => instrument.Base + "-" + instrument.Quote;

    /// <summary><c>{"type":"subscriptions","channels":[{"name":…,"product_ids":[…]}…]}</c>: every current subscription.</summary>
    public static void Subscriptions(JsonText text, IReadOnlyList<(string Name, List<Instrument> Products)> channels)
    {
        text.Raw("{\"type\":\"subscriptions\",\"channels\":["u8);
        var first = true;
        foreach (var (name, products) in channels)
        {
            if (products.Count == 0)
            {
                continue;
            }
            text.Raw(first ? "{\"name\":\""u8 : ",{\"name\":\""u8).Ascii(name).Raw("\",\"product_ids\":["u8);
            for (var i = 0; i < products.Count; i++)
            {
                text.Raw(i == 0 ? "\""u8 : ",\""u8).Ascii(ProductId(products[i])).Raw("\""u8);
            }
            text.Raw("]}"u8);
            first = false;
        }
        text.Raw("]}"u8);
    }

    /// <summary><c>{"type":"error","message":…,"reason":…}</c>.</summary>
    public static void Error(JsonText text, string message, string reason) =>
        text.Raw("{\"type\":\"error\",\"message\":"u8).String(message).Raw(",\"reason\":"u8).String(reason).Raw("}"u8);

    /// <summary><c>{"type":"snapshot","product_id":…,"bids":[[price,size]…],"asks":[…]}</c>, the whole book, best first.</summary>
    public static void Snapshot(JsonText text, BookCapture book, bool updateIds)
    {
        text.Raw("{\"type\":\"snapshot\",\"product_id\":\""u8).Ascii(ProductId(book.Instrument)).Raw("\",\"bids\":"u8);
        BookLevels.Write(text, book.Instrument, book.Bids, int.MaxValue, Level);
        text.Raw(",\"asks\":"u8);
        BookLevels.Write(text, book.Instrument, book.Asks, int.MaxValue, Level);
        End(text, updateIds ? book.LastUpdateId : null);
    }

    /// <summary><c>{"type":"l2update","product_id":…,"changes":[[side,price,size]…],"time":…}</c>; size is absolute, "0.00000000" removes.</summary>
    public static void Update(JsonText text, BookUpdate update, bool updateIds)
    {
        var instrument = update.Instrument;
        text.Raw("{\"type\":\"l2update\",\"product_id\":\""u8).Ascii(ProductId(instrument)).Raw("\",\"changes\":["u8);
        var first = true;
        foreach (var change in update.Bids)
        {
            Change(text, instrument, "[\"buy\","u8, change, ref first);
        }
        foreach (var change in update.Asks)
        {
            Change(text, instrument, "[\"sell\","u8, change, ref first);
        }
        text.Raw("],\"time\":"u8).Time(update.TimeMs);
        End(text, updateIds ? update.LastUpdateId : null);
    }

    /// <summary>
    /// <c>{"type":"match"|"last_match","trade_id","sequence","maker_order_id","taker_order_id","time","product_id","size","price","side"}</c>.
    /// Side is the maker's: "buy" when the buyer rested on the book (the taker sold).
    /// </summary>
    public static void Match(JsonText text, Trade trade, long sequence, bool last = false)
    {
        var instrument = trade.Instrument;
        text.Raw(last ? "{\"type\":\"last_match\",\"trade_id\":"u8 : "{\"type\":\"match\",\"trade_id\":"u8).Number(trade.TradeId)
            .Raw(",\"sequence\":"u8).Number(sequence)
            .Raw(",\"maker_order_id\":"u8);
        OrderId(text, instrument, trade.TradeId, maker: true);
        text.Raw(",\"taker_order_id\":"u8);
        OrderId(text, instrument, trade.TradeId, maker: false);
        text.Raw(",\"time\":"u8).Time(trade.TimeMs)
            .Raw(",\"product_id\":\""u8).Ascii(ProductId(instrument))
            .Raw("\",\"size\":"u8).Decimal(instrument.QuantityE8(trade.QuantityLots), instrument.QuantityDecimals)
            .Raw(",\"price\":"u8).Decimal(instrument.PriceE8(trade.PriceTicks), instrument.PriceDecimals)
            .Raw(trade.BuyerIsMaker ? ",\"side\":\"buy\"}"u8 : ",\"side\":\"sell\"}"u8);
    }

    /// <summary><c>{"type":"heartbeat","sequence":…,"last_trade_id":…,"product_id":…,"time":…}</c>.</summary>
    public static void Heartbeat(JsonText text, Instrument instrument, long sequence, long lastTradeId, long timeMs) =>
        text.Raw("{\"type\":\"heartbeat\",\"sequence\":"u8).Number(sequence)
            .Raw(",\"last_trade_id\":"u8).Number(lastTradeId)
            .Raw(",\"product_id\":\""u8).Ascii(ProductId(instrument))
            .Raw("\",\"time\":"u8).Time(timeMs).Raw("}"u8);

    /// <summary>One <c>["price","size"]</c> level, as in the snapshot (and the truth endpoint).</summary>
    public static void Level(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        text.Raw("["u8).Decimal(instrument.PriceE8(priceTicks), instrument.PriceDecimals).Raw(","u8)
            .Decimal(instrument.QuantityE8(quantityLots), instrument.QuantityDecimals).Raw("]"u8);

    private static void Change(JsonText text, Instrument instrument, ReadOnlySpan<byte> side, LevelChange change, ref bool first)
    {
        text.Raw(first ? side : [(byte)',', .. side])
            .Decimal(instrument.PriceE8(change.PriceTicks), instrument.PriceDecimals).Raw(","u8)
            .Decimal(instrument.QuantityE8(change.QuantityLots), instrument.QuantityDecimals).Raw("]"u8);
        first = false;
    }

    private static void End(JsonText text, long? updateId)
    {
        if (updateId is { } id)
        {
            // Simulator extension, only with ?updateIds=true: the model update id for /truth?at=.
            text.Raw(",\"sim_update_id\":"u8).Number(id);
        }
        text.Raw("}"u8);
    }

    /// <summary>A stable, UUID-shaped order id derived from the trade (Coinbase's order ids are UUIDs).</summary>
    private static void OrderId(JsonText text, Instrument instrument, long tradeId, bool maker)
    {
        var random = new DeterministicRandom(DeterministicRandom.StableHash(instrument.Name) ^ (ulong)((tradeId << 1) | (maker ? 1L : 0L)));
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, random.NextUInt64());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], random.NextUInt64());
        // RFC 9562 version 4 and variant bits, so the id reads as an ordinary random UUID.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        text.Raw("\""u8).Ascii(new Guid(bytes).ToString("D")).Raw("\""u8);
    }
}
