using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>
/// Message examples from Kraken's Spot WebSocket v2 reference (docs.kraken.com/exchange/api-reference/
/// spot-websocket-v2: "status", "heartbeat", "ping", "book", "trade", subscribe responses and errors), and
/// builders for book frames whose checksum is computed, as Kraken's guide says, from the book they leave.
/// </summary>
internal static class KrakenDocs
{
    /// <summary>"status" example: connection_id above long.MaxValue.</summary>
    public const string Status = """{"channel":"status","data":[{"api_version":"v2","connection_id":12393906104898154338,"system":"online","version":"2.0.0"}],"type":"update"}""";

    public const string Heartbeat = """{"channel":"heartbeat"}""";

    public const string Pong = """{"method":"pong","req_id":101,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}""";

    /// <summary>"book" snapshot example (first levels of the reference's MATIC/USD example).</summary>
    public const string BookSnapshot = """{"channel":"book","type":"snapshot","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5666,"qty":4831.75496356},{"price":0.5665,"qty":6658.22734739}],"asks":[{"price":0.5668,"qty":4410.79769741},{"price":0.5669,"qty":4655.40412487}],"checksum":2439117997}]}""";

    /// <summary>"book" update example.</summary>
    public const string BookUpdate = """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5657,"qty":1098.3947558}],"asks":[],"checksum":2114181697,"timestamp":"2023-10-06T17:35:55.440295Z"}]}""";

    /// <summary>"trade" update example (side is the taker's).</summary>
    public const string Trade = """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":4665906,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""";

    /// <summary>A subscribe acknowledgement ("book" reference, subscribe response).</summary>
    public const string SubscribeAck = """{"method":"subscribe","result":{"channel":"book","depth":10,"snapshot":true,"symbol":"MATIC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.433012Z","time_out":"2023-10-06T17:35:55.433040Z"}""";

    /// <summary>An error response ("Currency pair not supported").</summary>
    public const string Error = """{"error":"Currency pair not supported","method":"subscribe","success":false,"symbol":"MATIC/US","time_in":"2023-10-06T17:35:55.433012Z","time_out":"2023-10-06T17:35:55.433040Z"}""";

    /// <summary>
    /// A book frame for MATIC/USD with <paramref name="bids"/> and <paramref name="asks"/> (<c>(price, qty)</c> raw
    /// number text) and the checksum of the book <paramref name="bookAfter"/> leaves (asks then bids, best first).
    /// </summary>
    public static string Book(string type, (string Price, string Qty)[] bids, (string Price, string Qty)[] asks, ((string, string)[] Asks, (string, string)[] Bids) bookAfter, int checksumOffset = 0) =>
        $$"""{"channel":"book","type":"{{type}}","data":[{"symbol":"MATIC/USD","bids":{{Levels(bids)}},"asks":{{Levels(asks)}},"checksum":{{unchecked(KrakenChecksum.Compute(bookAfter.Asks, bookAfter.Bids) + (uint)checksumOffset)}},"timestamp":"2023-10-06T17:35:55.440295Z"}]}""";

    public static string TradeFrame(long tradeId, string side = "buy") =>
        $$"""{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"{{side}}","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":{{tradeId}},"timestamp":"2023-09-25T07:49:37.708706Z"}]}""";

    private static string Levels((string Price, string Qty)[] levels) =>
        "[" + string.Join(',', levels.Select(l => $$"""{"price":{{l.Price}},"qty":{{l.Qty}}}""")) + "]";
}
