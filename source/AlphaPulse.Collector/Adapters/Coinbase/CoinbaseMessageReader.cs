using System.Text.Json;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>
/// Parses one Coinbase Exchange feed frame — <c>snapshot</c>, <c>l2update</c>, <c>match</c>/<c>last_match</c>,
/// <c>heartbeat</c>, <c>subscriptions</c>, <c>error</c> — with <see cref="Utf8JsonReader"/> and no allocation.
/// Fields may come in any order. Book levels land in the caller's <see cref="LevelBatch"/>; nothing is applied
/// here. Immutable configuration; one instance per session, single-threaded use. The simulator's
/// <c>sim_update_id</c> is read only when <c>simulatorUpdateIds</c> (the <see cref="FeedContext.SimulatorUpdateIds"/>
/// test seam) asks for it.
/// </summary>
/// <remarks>Shapes: docs.cdp.coinbase.com/exchange/websocket-feed — overview "Subscribe", channels "Heartbeat", "Level2", "Matches".</remarks>
internal sealed class CoinbaseMessageReader(SymbolTable products, int priceScale, int sizeScale, bool simulatorUpdateIds = false)
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    /// <summary>Parses a frame; <paramref name="levels"/> is cleared first. Never throws.</summary>
    public CoinbaseMessageType Read(ReadOnlySpan<byte> frame, LevelBatch levels, out CoinbaseMessage message)
    {
        message = default;
        levels.Clear();
        try
        {
            var reader = new Utf8JsonReader(frame, Options);
            return ReadFrame(ref reader, levels, ref message);
        }
        catch (JsonException)
        {
            return CoinbaseMessageType.Malformed;
        }
    }

    /// <summary>True when an error frame's <c>reason</c> says the channel needs authentication (level2 without credentials).</summary>
    public static bool IsAuthenticationError(ReadOnlySpan<byte> frame) => frame.IndexOf("require authentication"u8) >= 0;

    private CoinbaseMessageType ReadFrame(ref Utf8JsonReader reader, LevelBatch levels, ref CoinbaseMessage message)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return CoinbaseMessageType.Malformed;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryReadField(ref reader, levels, ref message))
            {
                return CoinbaseMessageType.Malformed;
            }
        }

        // A complete frame ends with its object: nothing but whitespace may follow (the reader throws otherwise).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return CoinbaseMessageType.Malformed;
        }
        return Classify(message);
    }

    /// <summary>Reader on a property name; reads its value.</summary>
    private bool TryReadField(ref Utf8JsonReader reader, LevelBatch levels, ref CoinbaseMessage message)
    {
        var escaped = reader.ValueIsEscaped;
        var name = reader.ValueSpan;
        if (!reader.Read())
        {
            return false;
        }
        if (escaped)
        {
            reader.Skip();
            return true;
        }

        switch (name.Length)
        {
            case 4 when name.SequenceEqual("type"u8):
                message.Type = reader.TokenType != JsonTokenType.String ? CoinbaseMessageType.Unknown : TypeOf(ref reader);
                return Mark(ref message, CoinbaseFields.Type, reader.TokenType == JsonTokenType.String);
            case 10 when name.SequenceEqual("product_id"u8):
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && products.TryFind(reader.ValueSpan, out message.InstrumentId))
                {
                    message.Seen |= CoinbaseFields.KnownProduct;
                }
                return Mark(ref message, CoinbaseFields.Product, reader.TokenType == JsonTokenType.String);
            case 4 when name.SequenceEqual("time"u8):
                return Mark(ref message, CoinbaseFields.Time, reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                    && Rfc3339Time.TryParseUnixNanoseconds(reader.ValueSpan, out message.Time));
            case 8 when name.SequenceEqual("sequence"u8):
                return Mark(ref message, CoinbaseFields.Sequence, TryReadId(ref reader, out message.Sequence));
            case 8 when name.SequenceEqual("trade_id"u8):
                return Mark(ref message, CoinbaseFields.TradeId, TryReadId(ref reader, out message.TradeId));
            case 13 when name.SequenceEqual("last_trade_id"u8):
                return Mark(ref message, CoinbaseFields.LastTradeId, TryReadId(ref reader, out message.LastTradeId));
            case 5 when name.SequenceEqual("price"u8):
                return Mark(ref message, CoinbaseFields.Price, JsonDecimal.TryReadPrice(ref reader, priceScale, out message.Price));
            case 4 when name.SequenceEqual("size"u8):
                return Mark(ref message, CoinbaseFields.Size, JsonDecimal.TryReadSize(ref reader, sizeScale, out message.Size) && message.Size > 0);
            case 4 when name.SequenceEqual("side"u8):
                message.MakerBought = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("buy"u8);
                return Mark(ref message, CoinbaseFields.Side, message.MakerBought || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("sell"u8)));
            case 4 when name.SequenceEqual("bids"u8):
                return Mark(ref message, CoinbaseFields.Bids, JsonLevels.TryRead(ref reader, BookSide.Bid, priceScale, sizeScale, levels));
            case 4 when name.SequenceEqual("asks"u8):
                return Mark(ref message, CoinbaseFields.Asks, JsonLevels.TryRead(ref reader, BookSide.Ask, priceScale, sizeScale, levels));
            case 7 when name.SequenceEqual("changes"u8):
                return Mark(ref message, CoinbaseFields.Changes, TryReadChanges(ref reader, levels));
            case 13 when simulatorUpdateIds && name.SequenceEqual("sim_update_id"u8):
                return TryReadId(ref reader, out message.SimulatorUpdateId);
            default:
                reader.Skip();
                return true;
        }
    }

    /// <summary><c>"changes":[["buy","10101.80","0.162567"],…]</c>: side, price, absolute size ("0" removes).</summary>
    private bool TryReadChanges(ref Utf8JsonReader reader, LevelBatch levels)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
            var side = reader.ValueTextEquals("buy"u8) ? BookSide.Bid : reader.ValueTextEquals("sell"u8) ? BookSide.Ask : (BookSide)byte.MaxValue;
            if (side is not (BookSide.Bid or BookSide.Ask)
                || !reader.Read() || !JsonDecimal.TryReadPrice(ref reader, priceScale, out var price)
                || !reader.Read() || !JsonDecimal.TryReadSize(ref reader, sizeScale, out var size)
                || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }
            levels.Add(side, price, size);
        }
        return false;
    }

    private static CoinbaseMessageType TypeOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("l2update"u8) ? CoinbaseMessageType.L2Update
        : reader.ValueTextEquals("match"u8) ? CoinbaseMessageType.Match
        : reader.ValueTextEquals("heartbeat"u8) ? CoinbaseMessageType.Heartbeat
        : reader.ValueTextEquals("snapshot"u8) ? CoinbaseMessageType.Snapshot
        : reader.ValueTextEquals("last_match"u8) ? CoinbaseMessageType.LastMatch
        : reader.ValueTextEquals("subscriptions"u8) ? CoinbaseMessageType.Subscriptions
        : reader.ValueTextEquals("error"u8) ? CoinbaseMessageType.Error
        : CoinbaseMessageType.Unknown;

    private static CoinbaseMessageType Classify(in CoinbaseMessage message)
    {
        var required = message.Type switch
        {
            CoinbaseMessageType.Snapshot => CoinbaseFields.Snapshot,
            CoinbaseMessageType.L2Update => CoinbaseFields.L2Update,
            CoinbaseMessageType.Match or CoinbaseMessageType.LastMatch => CoinbaseFields.Match,
            CoinbaseMessageType.Heartbeat => CoinbaseFields.Heartbeat,
            CoinbaseMessageType.Subscriptions or CoinbaseMessageType.Error or CoinbaseMessageType.Unknown => CoinbaseFields.Type,
            _ => CoinbaseFields.None,
        };
        if (required == CoinbaseFields.None || (message.Seen & required) != required)
        {
            return CoinbaseMessageType.Malformed;
        }
        if ((required & CoinbaseFields.Product) != 0 && (message.Seen & CoinbaseFields.KnownProduct) == 0)
        {
            return CoinbaseMessageType.Unknown;
        }
        return message.Type;
    }

    private static bool TryReadId(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= 0;
    }

    private static bool Mark(ref CoinbaseMessage message, CoinbaseFields field, bool ok)
    {
        message.Seen |= ok ? field : CoinbaseFields.None;
        return ok;
    }
}
