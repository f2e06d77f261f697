using System.Text.Json;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// A client request on the v2 socket: <c>{"method":"subscribe"|"unsubscribe"|"ping","params":{…},"req_id":n}</c>
/// (Kraken Spot WebSocket v2 reference, "book", "trade", "ping"). Parsing only; the connection decides.
/// </summary>
internal sealed record KrakenRequest(string Method, long? RequestId, string? Channel, IReadOnlyList<string> Symbols, int? Depth, bool? Snapshot)
{
    /// <returns>The request, or null with <paramref name="error"/> set (the method too, when it could be read).</returns>
    public static KrakenRequest? Parse(ReadOnlySpan<byte> utf8, out string error, out string? method, out long? requestId)
    {
        error = "";
        method = null;
        requestId = null;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "Malformed request";
                return null;
            }
            method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (root.TryGetProperty("req_id", out var id))
            {
                if (!id.TryGetInt64(out var value))
                {
                    error = "Field 'req_id' must be an integer";
                    return null;
                }
                requestId = value;
            }
            if (method is null)
            {
                error = "Missing field: 'method'";
                return null;
            }
            return Parameters(root, method, requestId, out error);
        }
        catch (JsonException)
        {
            error = "Malformed request";
            return null;
        }
    }

    private static KrakenRequest? Parameters(JsonElement root, string method, long? requestId, out string error)
    {
        error = "";
        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return new KrakenRequest(method, requestId, null, [], null, null);
        }
        var channel = parameters.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var symbols = new List<string>();
        if (parameters.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.Array)
        {
            foreach (var symbol in s.EnumerateArray())
            {
                symbols.Add(symbol.ValueKind == JsonValueKind.String ? symbol.GetString()! : symbol.GetRawText());
            }
        }
        int? depth = null;
        if (parameters.TryGetProperty("depth", out var d))
        {
            depth = d.TryGetInt32(out var value) ? value : -1;
        }
        bool? snapshot = null;
        if (parameters.TryGetProperty("snapshot", out var snap))
        {
            if (snap.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "Field 'snapshot' must be a boolean";
                return null;
            }
            snapshot = snap.GetBoolean();
        }
        return new KrakenRequest(method, requestId, channel, symbols, depth, snapshot);
    }
}
