using System.Text.Json;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>What a client asks for.</summary>
public enum RequestOp : byte
{
    Subscribe = 1,
    Unsubscribe = 2,
    Resnapshot = 3,
    Ping = 4,
}

/// <summary>
/// What a subscription matches: a channel, an exchange and a symbol (either may be <c>*</c>), and a
/// depth for books. Immutable; equality is what unsubscribe matches on, with exchanges compared
/// ignoring case and symbols as <see cref="SymbolNames"/> compares them (<c>BTCUSDT</c> = <c>BTC-USDT</c>).
/// </summary>
public sealed record SubscriptionPattern(StreamChannel Channel, string Exchange, string Symbol, int Depth)
{
    public bool MatchesExchange(string exchange) =>
        Exchange == ProtocolNames.Wildcard || string.Equals(Exchange, exchange, StringComparison.OrdinalIgnoreCase);

    public bool Matches(string exchange, string symbol) =>
        MatchesExchange(exchange)
        && (Channel == StreamChannel.Stats || Symbol == ProtocolNames.Wildcard || SymbolNames.Comparer.Equals(Symbol, symbol));

    public bool Equals(SubscriptionPattern? other) =>
        other is not null
        && Channel == other.Channel
        && Depth == other.Depth
        && string.Equals(Exchange, other.Exchange, StringComparison.OrdinalIgnoreCase)
        && SymbolNames.Comparer.Equals(Symbol, other.Symbol);

    public override int GetHashCode() =>
        HashCode.Combine(Channel, Depth, StringComparer.OrdinalIgnoreCase.GetHashCode(Exchange), SymbolNames.Comparer.GetHashCode(Symbol));
}

/// <summary>One parsed client request. Immutable.</summary>
public sealed record ClientRequest(RequestOp Op, SubscriptionPattern? Pattern, long? Id);

/// <summary>Why a request was refused, with its <c>id</c> when one could be read (echoed in the error). Immutable.</summary>
public readonly record struct RequestError(string Code, string Message, long? Id);

/// <summary>
/// Parses a request frame: <c>{"op":"subscribe","channel":"book","exchange":"binance","symbol":"BTCUSDT","depth":10,"id":1}</c>.
/// Refusals carry an <see cref="ErrorCode"/>, a message in "rule: values (fix)" form quoting the value
/// as sent, and the request's <c>id</c> when it was read before the fault. Stateless.
/// </summary>
public static class RequestParser
{
    public const int DefaultDepth = 10;

    public static bool TryParse(ReadOnlySpan<byte> utf8, IReadOnlyList<int> depths, out ClientRequest request, out RequestError error)
    {
        ArgumentNullException.ThrowIfNull(depths);
        request = null!;
        string? op = null, channel = null, exchange = null, symbol = null, depthSent = null;
        int? depth = null;
        long? id = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail(ErrorCode.MalformedJson, "a request is one JSON object: got something else (send {\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\"})", id, out error);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read(); // the value; a name without one throws

                switch (name)
                {
                    case "op": op = StringOf(ref reader); break;
                    case "channel": channel = StringOf(ref reader); break;
                    case "exchange": exchange = PatternNames.Shared.Share(StringOf(ref reader)); break;
                    case "symbol": symbol = PatternNames.Shared.Share(StringOf(ref reader)); break;
                    case "depth":
                        depthSent = AsSent(ref reader);
                        depth = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var d) ? d : null;
                        break;
                    case "id":
                        id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var i) ? i : null;
                        reader.Skip();
                        break;
                    default: reader.Skip(); break;
                }
            }

            // Past the object's end: the reader throws on anything after it, as it does on a name without
            // its value or an object not closed (the frame is its final block).
            reader.Read();
        }
        catch (JsonException exception)
        {
            // The id is echoed when it came before the fault: the client can still match the answer.
            return Fail(ErrorCode.MalformedJson, $"a request is valid JSON: {Trim(exception.Message)} (send one JSON object per text frame)", id, out error);
        }

        RequestOp parsedOp;
        switch (op)
        {
            case "subscribe": parsedOp = RequestOp.Subscribe; break;
            case "unsubscribe": parsedOp = RequestOp.Unsubscribe; break;
            case "resnapshot": parsedOp = RequestOp.Resnapshot; break;
            case "ping":
                request = new ClientRequest(RequestOp.Ping, null, id);
                error = default;
                return true;
            default:
                return Fail(ErrorCode.UnknownOp, $"op must be subscribe, unsubscribe, resnapshot or ping: op={op ?? "missing"} (set \"op\")", id, out error);
        }

        if (!ProtocolNames.TryParseChannel(channel, out var parsedChannel))
        {
            return Fail(ErrorCode.UnknownChannel, $"channel must be trades, book, ticker or stats: channel={channel ?? "missing"} (set \"channel\")", id, out error);
        }

        var parsedDepth = 0;
        if (parsedChannel == StreamChannel.Book)
        {
            parsedDepth = depthSent is null ? DefaultDepth : depth ?? -1;
            if (!Contains(depths, parsedDepth))
            {
                return Fail(ErrorCode.UnsupportedDepth, $"book depth is a number, one of {string.Join(", ", depths)}: depth={depthSent} (pick the next larger depth and cut it client-side; send it as a number, e.g. \"depth\":10)", id, out error);
            }
        }

        var pattern = new SubscriptionPattern(parsedChannel, exchange ?? ProtocolNames.Wildcard, parsedChannel == StreamChannel.Stats ? ProtocolNames.Wildcard : symbol ?? ProtocolNames.Wildcard, parsedDepth);
        request = new ClientRequest(parsedOp, pattern, id);
        error = default;
        return true;
    }

    /// <summary>A string value, or null for any other value (objects and arrays are skipped whole).</summary>
    private static string? StringOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>The value as the client wrote it, for error messages: <c>10</c>, <c>"10"</c>, <c>an object</c>.</summary>
    private static string AsSent(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                reader.Skip();
                return "an object";
            case JsonTokenType.StartArray:
                reader.Skip();
                return "an array";
            case JsonTokenType.String:
                return Trim("\"" + reader.GetString() + "\"");
            default:
                return Trim(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    private static bool Contains(IReadOnlyList<int> values, int value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static string Trim(string message) => message.Length > 160 ? message[..160] : message;

    private static bool Fail(string code, string message, long? id, out RequestError error)
    {
        error = new RequestError(code, message, id);
        return false;
    }
}
