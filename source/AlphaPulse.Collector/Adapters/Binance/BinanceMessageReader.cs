using System.Text.Json;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// Parses one Binance frame — a combined-stream wrapper <c>{"stream":…,"data":{…}}</c>, a raw event, a
/// request reply or an error — with <see cref="Utf8JsonReader"/> and no allocation. Fields may come in
/// any order. Book levels land in the caller's <see cref="LevelBatch"/>; nothing is applied here.
/// Stateless apart from its immutable configuration; one instance per session, single-threaded use.
/// </summary>
/// <remarks>Message shapes: Binance Spot "WebSocket Streams" — Diff. Depth Stream, Trade Streams, combined streams.</remarks>
internal sealed class BinanceMessageReader(SymbolTable symbols, int priceScale, int sizeScale)
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 8 };

    private enum EventType : byte
    {
        None = 0,
        DepthUpdate = 1,
        Trade = 2,
        Other = 3,
    }

    public BinanceFrameKind Read(ReadOnlySpan<byte> frame, LevelBatch levels, out BinanceEvent evt)
    {
        evt = default;
        levels.Clear();
        try
        {
            var reader = new Utf8JsonReader(frame, Options);
            return ReadFrame(ref reader, levels, ref evt);
        }
        catch (JsonException)
        {
            return BinanceFrameKind.Malformed;
        }
    }

    private BinanceFrameKind ReadFrame(ref Utf8JsonReader reader, LevelBatch levels, ref BinanceEvent evt)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return BinanceFrameKind.Malformed;
        }

        var type = EventType.None;
        var reply = false;
        var error = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadObject(ref reader, levels, ref evt, ref type))
                {
                    return BinanceFrameKind.Malformed;
                }
            }
            else if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("id"u8))
            {
                reply = true;
                SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("msg"u8))
            {
                error = true;
                SkipValue(ref reader);
            }
            else if (!TryReadField(ref reader, levels, ref evt, ref type))
            {
                return BinanceFrameKind.Malformed;
            }
        }

        // A complete frame ends with its object: nothing but whitespace may follow (the reader throws otherwise).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return BinanceFrameKind.Malformed;
        }

        return Classify(type, reply, error, evt.Seen);
    }

    private bool TryReadObject(ref Utf8JsonReader reader, LevelBatch levels, ref BinanceEvent evt, ref EventType type)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryReadField(ref reader, levels, ref evt, ref type))
            {
                return false;
            }
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>Reader on a property name; reads its value. Event fields are single letters, case-sensitive (<c>E</c> ≠ <c>e</c>).</summary>
    private bool TryReadField(ref Utf8JsonReader reader, LevelBatch levels, ref BinanceEvent evt, ref EventType type)
    {
        var name = reader.ValueIsEscaped || reader.ValueSpan.Length != 1 ? (byte)0 : reader.ValueSpan[0];
        if (!reader.Read())
        {
            return false;
        }

        switch (name)
        {
            case (byte)'e':
                type = reader.TokenType != JsonTokenType.String ? EventType.Other
                    : reader.ValueTextEquals("depthUpdate"u8) ? EventType.DepthUpdate
                    : reader.ValueTextEquals("trade"u8) ? EventType.Trade
                    : EventType.Other;
                return Mark(ref evt, BinanceFields.EventType, reader.TokenType == JsonTokenType.String);
            case (byte)'E':
                return Mark(ref evt, BinanceFields.EventTime, TryReadId(ref reader, out evt.EventTime));
            case (byte)'s':
                if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && symbols.TryFind(reader.ValueSpan, out evt.InstrumentId))
                {
                    evt.Seen |= BinanceFields.KnownSymbol;
                }
                return Mark(ref evt, BinanceFields.Symbol, reader.TokenType == JsonTokenType.String);
            case (byte)'U':
                return Mark(ref evt, BinanceFields.FirstUpdateId, TryReadId(ref reader, out evt.FirstUpdateId));
            case (byte)'u':
                return Mark(ref evt, BinanceFields.FinalUpdateId, TryReadId(ref reader, out evt.FinalUpdateId));
            case (byte)'t':
                return Mark(ref evt, BinanceFields.TradeId, TryReadId(ref reader, out evt.TradeId));
            case (byte)'T':
                return Mark(ref evt, BinanceFields.TradeTime, TryReadId(ref reader, out evt.TradeTime));
            case (byte)'p':
                return Mark(ref evt, BinanceFields.Price, JsonDecimal.TryReadPrice(ref reader, priceScale, out evt.Price));
            case (byte)'q':
                return Mark(ref evt, BinanceFields.Quantity, JsonDecimal.TryReadSize(ref reader, sizeScale, out evt.Quantity));
            case (byte)'m':
                evt.BuyerIsMaker = reader.TokenType == JsonTokenType.True;
                return Mark(ref evt, BinanceFields.BuyerIsMaker, reader.TokenType is JsonTokenType.True or JsonTokenType.False);
            case (byte)'b' when reader.TokenType == JsonTokenType.StartArray:
                return Mark(ref evt, BinanceFields.Bids, JsonLevels.TryRead(ref reader, BookSide.Bid, priceScale, sizeScale, levels));
            case (byte)'a' when reader.TokenType == JsonTokenType.StartArray:
                return Mark(ref evt, BinanceFields.Asks, JsonLevels.TryRead(ref reader, BookSide.Ask, priceScale, sizeScale, levels));
            default:
                reader.Skip();
                return true;
        }
    }

    private static BinanceFrameKind Classify(EventType type, bool reply, bool error, BinanceFields seen)
    {
        if (error)
        {
            return BinanceFrameKind.Error;
        }
        if (type == EventType.None)
        {
            return reply ? BinanceFrameKind.Control : BinanceFrameKind.Unknown;
        }

        var required = type switch
        {
            EventType.DepthUpdate => BinanceFields.Depth,
            EventType.Trade => BinanceFields.Trade,
            _ => BinanceFields.None,
        };
        if (required == BinanceFields.None)
        {
            return BinanceFrameKind.Unknown;
        }
        if ((seen & required) != required)
        {
            return BinanceFrameKind.Malformed;
        }
        if ((seen & BinanceFields.KnownSymbol) == 0)
        {
            return BinanceFrameKind.Unknown;
        }
        return type == EventType.DepthUpdate ? BinanceFrameKind.DepthUpdate : BinanceFrameKind.Trade;
    }

    private static bool TryReadId(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= 0;
    }

    private static bool Mark(ref BinanceEvent evt, BinanceFields field, bool ok)
    {
        evt.Seen |= ok ? field : BinanceFields.None;
        return ok;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            reader.Skip();
        }
    }
}
