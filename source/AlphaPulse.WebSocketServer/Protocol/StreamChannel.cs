namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>The channels a client subscribes to (docs/websocket-protocol.md). Values are the binary encoding's stream kinds.</summary>
public enum StreamChannel : byte
{
    Trades = 1,
    Book = 2,
    Ticker = 3,
    Stats = 4,
}

/// <summary>How a client wants data messages: negotiated once, at connect.</summary>
public enum WireEncoding : byte
{
    Json = 0,
    Binary = 1,
}

/// <summary>Wire names of channels and encodings. Stateless.</summary>
public static class ProtocolNames
{
    /// <summary>Sec-WebSocket-Protocol values (RFC 6455 §1.9): the client offers, the server picks one.</summary>
    public const string JsonSubProtocol = "alphapulse.v1.json";

    public const string BinarySubProtocol = "alphapulse.v1.binary";

    public const string Wildcard = "*";

    public static string Of(StreamChannel channel) => channel switch
    {
        StreamChannel.Trades => "trades",
        StreamChannel.Book => "book",
        StreamChannel.Ticker => "ticker",
        _ => "stats",
    };

    public static bool TryParseChannel(string? name, out StreamChannel channel)
    {
        channel = name switch
        {
            "trades" or "trade" => StreamChannel.Trades,
            "book" => StreamChannel.Book,
            "ticker" or "top" => StreamChannel.Ticker,
            "stats" => StreamChannel.Stats,
            _ => 0,
        };
        return channel != 0;
    }
}
