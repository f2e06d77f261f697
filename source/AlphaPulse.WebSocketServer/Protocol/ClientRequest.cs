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
/// depth for books. Immutable; equality is what unsubscribe matches on.
/// </summary>
public sealed record SubscriptionPattern(StreamChannel Channel, string Exchange, string Symbol, int Depth)
{
    public bool MatchesExchange(string exchange) =>
        Exchange == ProtocolNames.Wildcard || string.Equals(Exchange, exchange, StringComparison.OrdinalIgnoreCase);

    public bool Matches(string exchange, string symbol) =>
        MatchesExchange(exchange)
        && (Channel == StreamChannel.Stats || Symbol == ProtocolNames.Wildcard || string.Equals(Symbol, symbol, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One parsed client request. Immutable.</summary>
public sealed record ClientRequest(RequestOp Op, SubscriptionPattern? Pattern, long? Id);

/// <summary>
/// Parses a request frame: <c>{"op":"subscribe","channel":"book","exchange":"binance","symbol":"BTCUSDT","depth":10,"id":1}</c>.
/// Refusals carry an <see cref="ErrorCode"/> and a message in "rule: values (fix)" form. Stateless.
/// </summary>
public static class RequestParser
{
    public const int DefaultDepth = 10;

    public static bool TryParse(ReadOnlySpan<byte> utf8, IReadOnlyList<int> depths, out ClientRequest request, out string errorCode, out string error)
    {
        request = null!;
        string? op = null, channel = null, exchange = null, symbol = null;
        int? depth = null;
        long? id = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail(ErrorCode.MalformedJson, "a request is one JSON object: got something else (send {\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\"})", out errorCode, out error);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                switch (name)
                {
                    case "op": op = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "channel": channel = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "exchange": exchange = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "symbol": symbol = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; break;
                    case "depth": depth = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var d) ? d : -1; break;
                    case "id": id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var i) ? i : null; break;
                    default: reader.Skip(); break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Fail(ErrorCode.MalformedJson, "a request is exactly one JSON object: trailing or missing data (send one object per frame)", out errorCode, out error);
            }
        }
        catch (JsonException exception)
        {
            return Fail(ErrorCode.MalformedJson, $"a request is valid JSON: {Trim(exception.Message)} (send one JSON object per text frame)", out errorCode, out error);
        }

        RequestOp parsedOp;
        switch (op)
        {
            case "subscribe": parsedOp = RequestOp.Subscribe; break;
            case "unsubscribe": parsedOp = RequestOp.Unsubscribe; break;
            case "resnapshot": parsedOp = RequestOp.Resnapshot; break;
            case "ping":
                request = new ClientRequest(RequestOp.Ping, null, id);
                errorCode = error = string.Empty;
                return true;
            default:
                return Fail(ErrorCode.UnknownOp, $"op must be subscribe, unsubscribe, resnapshot or ping: op={op ?? "missing"} (set \"op\")", out errorCode, out error);
        }

        if (!ProtocolNames.TryParseChannel(channel, out var parsedChannel))
        {
            return Fail(ErrorCode.UnknownChannel, $"channel must be trades, book, ticker or stats: channel={channel ?? "missing"} (set \"channel\")", out errorCode, out error);
        }

        var parsedDepth = 0;
        if (parsedChannel == StreamChannel.Book)
        {
            parsedDepth = depth ?? DefaultDepth;
            if (!Contains(depths, parsedDepth))
            {
                return Fail(ErrorCode.UnsupportedDepth, $"book depth must be one of {string.Join(", ", depths)}: depth={parsedDepth} (pick the next larger depth and cut it client-side)", out errorCode, out error);
            }
        }

        var pattern = new SubscriptionPattern(parsedChannel, exchange ?? ProtocolNames.Wildcard, parsedChannel == StreamChannel.Stats ? ProtocolNames.Wildcard : symbol ?? ProtocolNames.Wildcard, parsedDepth);
        request = new ClientRequest(parsedOp, pattern, id);
        errorCode = error = string.Empty;
        return true;
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

    private static bool Fail(string code, string message, out string errorCode, out string error)
    {
        errorCode = code;
        error = message;
        return false;
    }
}
