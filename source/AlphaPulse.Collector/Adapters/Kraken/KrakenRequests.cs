using System.Text.Json;

namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>
/// The client requests of Kraken's Spot WebSocket v2 (reference "book", "trade", "ping"):
/// <c>{"method":"subscribe"|"unsubscribe","params":{"channel","symbol":[…],"depth","snapshot"},"req_id"}</c>
/// and <c>{"method":"ping","req_id"}</c>. Built on the rare path (connect, resync, keep-alive), so they may
/// allocate. Stateless.
/// </summary>
internal static class KrakenRequests
{
    /// <summary>Book subscription at <paramref name="depth"/> with its snapshot.</summary>
    public static byte[] Book(bool subscribe, IEnumerable<string> symbols, int depth, long requestId) =>
        Write(subscribe ? "subscribe" : "unsubscribe", "book", symbols, depth, subscribe ? true : null, requestId);

    /// <summary>Trade subscription; with <c>snapshot</c> the last 50 trades come first (the sink drops those already published).</summary>
    public static byte[] Trade(IEnumerable<string> symbols, long requestId) =>
        Write("subscribe", "trade", symbols, null, true, requestId);

    public static byte[] Ping(long requestId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", "ping");
            json.WriteNumber("req_id", requestId);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] Write(string method, string channel, IEnumerable<string> symbols, int? depth, bool? snapshot, long requestId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", method);
            json.WriteStartObject("params");
            json.WriteString("channel", channel);
            json.WriteStartArray("symbol");
            foreach (var symbol in symbols)
            {
                json.WriteStringValue(symbol);
            }
            json.WriteEndArray();
            if (depth is { } d)
            {
                json.WriteNumber("depth", d);
            }
            if (snapshot is { } s)
            {
                json.WriteBoolean("snapshot", s);
            }
            json.WriteEndObject();
            json.WriteNumber("req_id", requestId);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
