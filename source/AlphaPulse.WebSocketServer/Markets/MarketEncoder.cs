using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// Serialises market data once per encoding into a pooled <see cref="OutboundMessage"/> that every
/// subscriber shares. JSON prices and sizes are decimal strings (exact; trailing zeros trimmed);
/// binary frames are little-endian fixed point at the scales announced per stream
/// (docs/websocket-protocol.md). Hub thread only: it reuses one JSON writer; allocation-free.
/// </summary>
internal sealed class MarketEncoder : IDisposable
{
    /// <summary>Binary header: kind u8, reserved u8 + u16, stream id u32, seq i64, publish time i64.</summary>
    public const int BinaryHeaderLength = 24;

    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });
    private long _encodings;

    /// <summary>Messages this encoder serialised (the process-wide counter sums every server in the process).</summary>
    public long Encodings => Volatile.Read(ref _encodings);

    public OutboundMessage Trade(MarketStream stream, in Trade trade, long publishTime, WireEncoding encoding)
    {
        var market = stream.Market!;
        if (encoding == WireEncoding.Binary)
        {
            var message = Binary(BinaryKind.Trade, stream, publishTime, conflatable: false, 40, out var span);
            BinaryPrimitives.WriteInt64LittleEndian(span, trade.Price);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], trade.Size);
            BinaryPrimitives.WriteUInt64LittleEndian(span[16..], trade.TradeId);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], trade.ExchangeTime);
            span[32] = (byte)trade.Side;
            span[33..40].Clear();
            message.Advance(BinaryHeaderLength + 40);
            return message;
        }

        var json = StartJson(JsonNames.TradeType, stream, publishTime, conflatable: false);
        WriteFixed(JsonNames.Price, trade.Price, market.PriceScale);
        WriteFixed(JsonNames.Size, trade.Size, market.SizeScale);
        _json.WriteString(JsonNames.Side, trade.Side switch { TradeSide.Buy => JsonNames.Buy, TradeSide.Sell => JsonNames.Sell, _ => JsonNames.Unknown });
        _json.WriteNumber(JsonNames.TradeId, trade.TradeId);
        _json.WriteNumber(JsonNames.ExchangeTime, trade.ExchangeTime);
        return EndJson(json);
    }

    public OutboundMessage Book(MarketStream stream, bool snapshot, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, bool synced, long publishTime, WireEncoding encoding)
    {
        var market = stream.Market!;
        if (encoding == WireEncoding.Binary)
        {
            var payload = 8 + (16 * (bids.Length + asks.Length));
            var message = Binary(snapshot ? BinaryKind.BookSnapshot : BinaryKind.BookDelta, stream, publishTime, conflatable: !snapshot, payload, out var span);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)bids.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)asks.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)stream.Depth);
            span[6] = synced ? (byte)1 : (byte)0;
            span[7] = 0;
            WriteBinaryLevels(asks, WriteBinaryLevels(bids, span[8..]));

            message.Advance(BinaryHeaderLength + payload);
            return message;
        }

        var json = StartJson(snapshot ? JsonNames.SnapshotType : JsonNames.DeltaType, stream, publishTime, conflatable: !snapshot);
        _json.WriteNumber(JsonNames.Depth, stream.Depth);
        if (snapshot)
        {
            _json.WriteBoolean(JsonNames.Synced, synced);
        }

        WriteLevels(JsonNames.Bids, bids, market);
        WriteLevels(JsonNames.Asks, asks, market);
        return EndJson(json);
    }

    public OutboundMessage Ticker(MarketStream stream, long publishTime, WireEncoding encoding)
    {
        var market = stream.Market!;
        var bid = market.TickerBid;
        var ask = market.TickerAsk;
        if (encoding == WireEncoding.Binary)
        {
            var message = Binary(BinaryKind.Ticker, stream, publishTime, conflatable: false, 48, out var span);
            BinaryPrimitives.WriteInt64LittleEndian(span, bid.Price);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], bid.Size);
            BinaryPrimitives.WriteInt64LittleEndian(span[16..], ask.Price);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], ask.Size);
            BinaryPrimitives.WriteInt64LittleEndian(span[32..], market.LastPrice);
            BinaryPrimitives.WriteInt64LittleEndian(span[40..], market.LastSize);
            message.Advance(BinaryHeaderLength + 48);
            return message;
        }

        var json = StartJson(JsonNames.TickerType, stream, publishTime, conflatable: false);
        WriteFixed(JsonNames.Bid, bid.Price, market.PriceScale);
        WriteFixed(JsonNames.BidSize, bid.Size, market.SizeScale);
        WriteFixed(JsonNames.Ask, ask.Price, market.PriceScale);
        WriteFixed(JsonNames.AskSize, ask.Size, market.SizeScale);
        WriteFixed(JsonNames.Last, market.LastPrice, market.PriceScale);
        WriteFixed(JsonNames.LastSize, market.LastSize, market.SizeScale);
        return EndJson(json);
    }

    public void Dispose() => _json.Dispose();

    /// <summary>Decimal text of a fixed-point value without trailing fraction zeros (<c>67012.5</c>, <c>3</c>).</summary>
    public static int FormatTrimmed(long value, int scale, Span<byte> destination)
    {
        FixedPoint.TryFormat(value, scale, destination, out var length);
        if (scale > 0)
        {
            while (destination[length - 1] == (byte)'0')
            {
                length--;
            }

            if (destination[length - 1] == (byte)'.')
            {
                length--;
            }
        }

        return length;
    }

    /// <summary>Levels as (price i64, size i64) pairs; returns the span after them.</summary>
    private static Span<byte> WriteBinaryLevels(ReadOnlySpan<PriceLevel> levels, Span<byte> destination)
    {
        foreach (var level in levels)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination, level.Price);
            BinaryPrimitives.WriteInt64LittleEndian(destination[8..], level.Size);
            destination = destination[16..];
        }

        return destination;
    }

    private OutboundMessage Binary(BinaryKind kind, MarketStream stream, long publishTime, bool conflatable, int payload, out Span<byte> body)
    {
        ServerMetrics.BinaryEncoded.Inc();
        Volatile.Write(ref _encodings, _encodings + 1);
        var message = OutboundMessage.Rent(WebSocketMessageType.Binary, publishTime, conflatable);
        var span = message.GetSpan(BinaryHeaderLength + payload);
        span[0] = (byte)kind;
        span[1] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], stream.Id);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], stream.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], publishTime);
        body = span.Slice(BinaryHeaderLength, payload);
        return message;
    }

    private OutboundMessage StartJson(JsonEncodedText type, MarketStream stream, long publishTime, bool conflatable)
    {
        ServerMetrics.JsonEncoded.Inc();
        Volatile.Write(ref _encodings, _encodings + 1);
        var message = OutboundMessage.Rent(WebSocketMessageType.Text, publishTime, conflatable);
        _json.Reset(message);
        _json.WriteStartObject();
        _json.WriteString(JsonNames.Type, type);
        _json.WriteString(JsonNames.Exchange, stream.Exchange.NameJson);
        _json.WriteString(JsonNames.Symbol, stream.SymbolJson);
        _json.WriteNumber(JsonNames.Seq, stream.Sequence);
        _json.WriteNumber(JsonNames.PublishTime, publishTime);
        return message;
    }

    private OutboundMessage EndJson(OutboundMessage message)
    {
        _json.WriteEndObject();
        _json.Flush();
        return message;
    }

    private void WriteFixed(JsonEncodedText name, long value, int scale)
    {
        Span<byte> text = stackalloc byte[FixedPoint.MaxFormattedLength];
        _json.WriteString(name, text[..FormatTrimmed(value, scale, text)]);
    }

    private void WriteLevels(JsonEncodedText name, ReadOnlySpan<PriceLevel> levels, Market market)
    {
        Span<byte> text = stackalloc byte[FixedPoint.MaxFormattedLength];
        _json.WriteStartArray(name);
        foreach (var level in levels)
        {
            _json.WriteStartArray();
            _json.WriteStringValue(text[..FormatTrimmed(level.Price, market.PriceScale, text)]);
            _json.WriteStringValue(text[..FormatTrimmed(level.Size, market.SizeScale, text)]);
            _json.WriteEndArray();
        }

        _json.WriteEndArray();
    }
}
