using System.Text.Json;

namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// A <c>subscribe</c> or <c>unsubscribe</c> message (Coinbase Exchange WebSocket overview, "Subscribe"):
/// <c>product_ids</c> at the top apply to every channel named as a string; a channel object
/// <c>{"name":…,"product_ids":[…]}</c> brings its own. Authentication fields are those of
/// "Exchange WebSocket Authentication": <c>signature</c>, <c>key</c>, <c>passphrase</c>, <c>timestamp</c>.
/// </summary>
internal sealed record CoinbaseRequest(string Type, IReadOnlyList<(string Name, IReadOnlyList<string> Products)> Channels, bool Authenticated)
{
    private static readonly string[] AuthenticationFields = ["signature", "key", "passphrase", "timestamp"];

    /// <returns>The request, or null with the error's message and reason.</returns>
    public static CoinbaseRequest? Parse(ReadOnlySpan<byte> utf8, out string message, out string reason)
    {
        message = "Failed to subscribe";
        reason = "";
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            message = "Malformed JSON";
            reason = ex.Message;
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (type is not ("subscribe" or "unsubscribe"))
            {
                reason = $"message type must be subscribe or unsubscribe: type={(type.Length == 0 ? "<none>" : type)}";
                return null;
            }
            var shared = Strings(root, "product_ids");
            var channels = new List<(string, IReadOnlyList<string>)>();
            if (root.TryGetProperty("channels", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var channel in list.EnumerateArray())
                {
                    if (channel.ValueKind == JsonValueKind.String)
                    {
                        channels.Add((channel.GetString()!, shared));
                    }
                    else if (channel.ValueKind == JsonValueKind.Object && channel.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        channels.Add((name.GetString()!, channel.TryGetProperty("product_ids", out _) ? Strings(channel, "product_ids") : shared));
                    }
                }
            }
            if (channels.Count == 0)
            {
                reason = "channels must name at least one channel";
                return null;
            }
            var authenticated = AuthenticationFields.All(f => root.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0);
            return new CoinbaseRequest(type, channels, authenticated);
        }
    }

    private static List<string> Strings(JsonElement element, string property)
    {
        var values = new List<string>();
        if (element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
        }
        return values;
    }
}
