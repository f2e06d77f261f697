using System.Runtime.CompilerServices;
using System.Text.Json;
using AlphaPulse.Core;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>
/// Parses one Kraken Spot WebSocket v2 frame — channel messages <c>{"channel","type","data":[…]}</c> (book,
/// trade, status, heartbeat) and method responses (subscribe, unsubscribe, pong, errors) — with
/// <see cref="Utf8JsonReader"/> and no allocation once its trade buffer has grown. Prices and quantities are
/// JSON numbers read from their raw bytes straight into fixed point (never through double, which breaks the
/// checksum), and the fraction digits they carried are noted for the checksum. Fields may come in any order.
/// One instance per session; single-threaded. The simulator's <c>sim_update_id</c> is read only when
/// <c>simulatorUpdateIds</c> (the <see cref="FeedContext.SimulatorUpdateIds"/> test seam) asks for it.
/// </summary>
/// <remarks>Shapes: docs.kraken.com/exchange/api-reference/spot-websocket-v2 — "book", "trade", "status", "heartbeat", "ping".</remarks>
internal sealed class KrakenMessageReader(SymbolTable symbols, int priceScale, int sizeScale, bool simulatorUpdateIds = false)
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    private KrakenTrade[] _trades = new KrakenTrade[64];

    private enum Channel : byte
    {
        None,
        Book,
        Trade,
        Status,
        Heartbeat,
        Other,
    }

    [Flags]
    private enum TradeFields
    {
        None = 0,
        Symbol = 1,
        Side = 2,
        Price = 4,
        Quantity = 8,
        TradeId = 16,
        Time = 32,
        All = Symbol | Side | Price | Quantity | TradeId | Time,
    }

    /// <summary>Trades of the last <see cref="KrakenMessageKind.Trades"/> message, for subscribed symbols only.</summary>
    public ReadOnlySpan<KrakenTrade> Trades => _trades.AsSpan(0, TradeCount);

    private int TradeCount { get; set; }

    /// <summary>Parses a frame; <paramref name="levels"/> is cleared first. Never throws.</summary>
    public KrakenMessageKind Read(ReadOnlySpan<byte> frame, LevelBatch levels, out KrakenMessage message)
    {
        message = default;
        levels.Clear();
        TradeCount = 0;
        try
        {
            var reader = new Utf8JsonReader(frame, Options);
            return ReadFrame(ref reader, levels, ref message);
        }
        catch (JsonException)
        {
            return KrakenMessageKind.Malformed;
        }
    }

    private KrakenMessageKind ReadFrame(ref Utf8JsonReader reader, LevelBatch levels, ref KrakenMessage message)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return KrakenMessageKind.Malformed;
        }
        var channel = Channel.None;
        bool snapshot = false, update = false, method = false, failed = false, bookEntries = false;
        var entries = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || !TryReadData(ref reader, levels, ref message, out entries, out bookEntries))
                {
                    return KrakenMessageKind.Malformed;
                }
                continue;
            }
            var field = reader.ValueIsEscaped ? default : reader.ValueSpan;
            if (!reader.Read())
            {
                return KrakenMessageKind.Malformed;
            }
            var isString = reader.TokenType == JsonTokenType.String;
            if (field.SequenceEqual("channel"u8) && isString)
            {
                channel = reader.ValueTextEquals("book"u8) ? Channel.Book : reader.ValueTextEquals("trade"u8) ? Channel.Trade
                    : reader.ValueTextEquals("heartbeat"u8) ? Channel.Heartbeat : reader.ValueTextEquals("status"u8) ? Channel.Status : Channel.Other;
            }
            else if (field.SequenceEqual("type"u8) && isString)
            {
                snapshot = reader.ValueTextEquals("snapshot"u8);
                update = reader.ValueTextEquals("update"u8);
            }
            else if (field.SequenceEqual("method"u8) && isString)
            {
                method = true;
            }
            else if (field.SequenceEqual("success"u8))
            {
                failed |= reader.TokenType == JsonTokenType.False;
            }
            else if (field.SequenceEqual("error"u8))
            {
                failed = true;
            }
            else if (field.SequenceEqual("symbol"u8) && isString && !reader.ValueIsEscaped)
            {
                message.KnownSymbol = symbols.TryFind(reader.ValueSpan, out message.InstrumentId);
            }
            reader.Skip();
        }

        // A complete frame ends with its object: nothing but whitespace may follow (the reader throws otherwise).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return KrakenMessageKind.Malformed;
        }
        return Classify(channel, snapshot, update, method, failed, entries, bookEntries, ref message);
    }

    private static KrakenMessageKind Classify(Channel channel, bool snapshot, bool update, bool method, bool failed, int entries, bool bookEntries, ref KrakenMessage message)
    {
        if (method)
        {
            return failed ? KrakenMessageKind.Error : KrakenMessageKind.Acknowledgement;
        }
        switch (channel)
        {
            case Channel.Book:
                if (entries != 1 || !bookEntries || !message.HasChecksum || !(snapshot || update))
                {
                    return KrakenMessageKind.Malformed;
                }
                return !message.KnownSymbol ? KrakenMessageKind.Unknown : snapshot ? KrakenMessageKind.BookSnapshot : KrakenMessageKind.BookUpdate;
            case Channel.Trade:
                return bookEntries ? KrakenMessageKind.Malformed : KrakenMessageKind.Trades;
            case Channel.Status:
                return KrakenMessageKind.Status;
            case Channel.Heartbeat:
                return KrakenMessageKind.Heartbeat;
            default:
                return KrakenMessageKind.Unknown;
        }
    }

    /// <summary>Reader on <c>data</c>'s value: an array of objects, each a book or a trade (or a status).</summary>
    private bool TryReadData(ref Utf8JsonReader reader, LevelBatch levels, ref KrakenMessage message, out int entries, out bool bookEntries)
    {
        entries = 0;
        bookEntries = false;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            entries++;
            if (!TryReadEntry(ref reader, levels, ref message, ref bookEntries))
            {
                return false;
            }
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private bool TryReadEntry(ref Utf8JsonReader reader, LevelBatch levels, ref KrakenMessage message, ref bool bookEntries)
    {
        var trade = default(KrakenTrade);
        var seen = TradeFields.None;
        var knownSymbol = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? default : reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }
            var ok = true;
            switch (field.Length)
            {
                case 6 when field.SequenceEqual("symbol"u8):
                    ok = reader.TokenType == JsonTokenType.String;
                    knownSymbol = ok && !reader.ValueIsEscaped && symbols.TryFind(reader.ValueSpan, out trade.InstrumentId);
                    seen |= ok ? TradeFields.Symbol : TradeFields.None;
                    break;
                case 4 when field.SequenceEqual("bids"u8):
                    ok = TryReadLevels(ref reader, BookSide.Bid, levels, ref message);
                    bookEntries = true;
                    break;
                case 4 when field.SequenceEqual("asks"u8):
                    ok = TryReadLevels(ref reader, BookSide.Ask, levels, ref message);
                    bookEntries = true;
                    break;
                case 8 when field.SequenceEqual("checksum"u8):
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out message.Checksum);
                    message.HasChecksum = ok;
                    break;
                case 9 when field.SequenceEqual("timestamp"u8):
                    ok = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Rfc3339Time.TryParseUnixNanoseconds(reader.ValueSpan, out trade.Time);
                    seen |= ok ? TradeFields.Time : TradeFields.None;
                    message.Time = trade.Time;
                    break;
                case 4 when field.SequenceEqual("side"u8):
                    trade.TakerBought = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("buy"u8);
                    ok = trade.TakerBought || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("sell"u8));
                    seen |= TradeFields.Side;
                    break;
                case 5 when field.SequenceEqual("price"u8):
                    ok = JsonDecimal.TryReadPrice(ref reader, priceScale, out trade.Price);
                    seen |= TradeFields.Price;
                    break;
                case 3 when field.SequenceEqual("qty"u8):
                    ok = JsonDecimal.TryReadSize(ref reader, sizeScale, out trade.Quantity) && trade.Quantity > 0;
                    seen |= TradeFields.Quantity;
                    break;
                case 8 when field.SequenceEqual("trade_id"u8):
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out trade.TradeId) && trade.TradeId > 0;
                    seen |= TradeFields.TradeId;
                    break;
                case 13 when field.SequenceEqual("connection_id"u8):
                    // Unsigned 64-bit: Kraken's ids are often above long.MaxValue.
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out message.ConnectionId);
                    break;
                case 13 when simulatorUpdateIds && field.SequenceEqual("sim_update_id"u8):
                    ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out message.SimulatorUpdateId);
                    break;
                default:
                    reader.Skip();
                    break;
            }
            if (!ok)
            {
                return false;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }
        if ((seen & TradeFields.TradeId) != 0)
        {
            return OnTradeEntry(trade, seen, knownSymbol);
        }
        if (knownSymbol)
        {
            message.InstrumentId = trade.InstrumentId;
            message.KnownSymbol = true;
        }
        return true;
    }

    /// <summary>A trade entry: complete, and kept when its symbol is subscribed.</summary>
    private bool OnTradeEntry(in KrakenTrade trade, TradeFields seen, bool knownSymbol)
    {
        if (seen != TradeFields.All)
        {
            return false;
        }
        if (knownSymbol)
        {
            if (TradeCount == _trades.Length)
            {
                Array.Resize(ref _trades, _trades.Length * 2);
            }
            _trades[TradeCount++] = trade;
        }
        return true;
    }

    /// <summary><c>[{"price":45285.2,"qty":0.001},…]</c> in wire order; also notes the fraction digits each number carried.</summary>
    private bool TryReadLevels(ref Utf8JsonReader reader, BookSide side, LevelBatch levels, ref KrakenMessage message)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long price = 0, quantity = 0;
            bool hasPrice = false, hasQuantity = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPrice = reader.ValueTextEquals("price"u8);
                var isQuantity = !isPrice && reader.ValueTextEquals("qty"u8);
                if (!reader.Read())
                {
                    return false;
                }
                if (isPrice)
                {
                    hasPrice = JsonDecimal.TryReadPrice(ref reader, priceScale, out price);
                    message.PriceDecimals = Math.Max(message.PriceDecimals, FractionDigits(ref reader));
                }
                else if (isQuantity)
                {
                    hasQuantity = JsonDecimal.TryReadSize(ref reader, sizeScale, out quantity);
                    message.QuantityDecimals = Math.Max(message.QuantityDecimals, FractionDigits(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || !hasPrice || !hasQuantity)
            {
                return false;
            }
            levels.Add(side, price, quantity);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>Digits after the decimal point in the current number's raw text (0 for an integer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte FractionDigits(ref Utf8JsonReader reader)
    {
        var text = reader.ValueSpan;
        var point = text.IndexOf((byte)'.');
        return point < 0 ? (byte)0 : (byte)Math.Min(text.Length - point - 1, FixedPoint.MaxScale);
    }
}
