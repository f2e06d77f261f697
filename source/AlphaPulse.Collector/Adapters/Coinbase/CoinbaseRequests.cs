using System.Globalization;
using System.Text.Json;

namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>
/// The client messages of the Exchange WebSocket feed: <c>subscribe</c> and <c>unsubscribe</c> for the book
/// channel (<c>level2_batch</c>, or <c>level2</c> when signed), <c>matches</c> and <c>heartbeat</c> (overview
/// "Subscribe"). Built on the rare path (connect, resync), so they may allocate. Stateless.
/// </summary>
internal static class CoinbaseRequests
{
    public const string Level2Batch = "level2_batch";
    public const string Level2 = "level2";

    /// <summary><c>{"type":"subscribe","product_ids":[…],"channels":["level2_batch","matches","heartbeat"]}</c>, signed when credentials are given.</summary>
    public static byte[] Subscribe(IEnumerable<string> productIds, string bookChannel, CoinbaseCredentials? credentials, long unixSeconds) =>
        Message("subscribe", productIds, bookChannel, credentials, unixSeconds);

    public static byte[] Unsubscribe(IEnumerable<string> productIds, string bookChannel) =>
        Message("unsubscribe", productIds, bookChannel, null, 0);

    private static byte[] Message(string type, IEnumerable<string> productIds, string bookChannel, CoinbaseCredentials? credentials, long unixSeconds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteStartArray("product_ids");
            foreach (var product in productIds)
            {
                json.WriteStringValue(product);
            }
            json.WriteEndArray();
            json.WriteStartArray("channels");
            json.WriteStringValue(bookChannel);
            json.WriteStringValue("matches");
            json.WriteStringValue("heartbeat");
            json.WriteEndArray();
            if (credentials is not null)
            {
                json.WriteString("signature", credentials.Sign(unixSeconds));
                json.WriteString("key", credentials.Key);
                json.WriteString("passphrase", credentials.Passphrase);
                json.WriteString("timestamp", unixSeconds.ToString(CultureInfo.InvariantCulture));
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
