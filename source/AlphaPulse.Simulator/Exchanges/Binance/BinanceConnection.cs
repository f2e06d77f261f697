using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Binance;

/// <summary>
/// A Binance market-stream connection: raw (<c>/ws/…</c>) or combined (<c>/stream?streams=…</c>, payloads
/// wrapped as <c>{"stream":…,"data":…}</c>), with the live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS /
/// SET_PROPERTY / GET_PROPERTY requests of web-socket-streams.md "Live Subscribing/Unsubscribing".
/// </summary>
internal sealed class BinanceConnection(
    WebSocket socket, FrameWriter frames, IExchange exchange, FeedHub hub, IReadOnlyList<Instrument> instruments,
    bool combined, FaultInjector injector, FaultBoard board, int queueLimit, ILogger logger)
    : VenueConnection(socket, frames, exchange, injector, board, queueLimit, logger)
{
    private readonly Lock _gate = new();
    private readonly List<BinanceStream> _streams = [];
    private volatile bool _combined = combined;

    public void Subscribe(BinanceStream stream)
    {
        lock (_gate)
        {
            if (_streams.Exists(s => s.Name == stream.Name))
            {
                return;
            }
            _streams.Add(stream);
        }
        hub.Subscribe(stream.Instrument, stream.Kind, this, stream.Name);
    }

    protected override void Encode(JsonText text, MarketEvent marketEvent, string stream, bool corrupt)
    {
        var wrap = _combined;
        if (wrap)
        {
            BinanceEncoder.CombinedPrefix(text, stream);
        }
        var symbol = Exchange.SymbolOf(marketEvent.Instrument);
        switch (marketEvent)
        {
            case BookUpdate update:
                // Shifting U and u by one makes the event look as if an update were missing before it.
                BinanceEncoder.DepthUpdate(text, update, symbol, corrupt ? 1 : 0);
                break;
            case Trade trade:
                BinanceEncoder.Trade(text, trade, symbol);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(marketEvent), marketEvent, "unknown market event type");
        }
        if (wrap)
        {
            text.Raw("}"u8);
        }
    }

    protected override void HandleRequest(ReadOnlySpan<byte> request)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.ToArray());
        }
        catch (JsonException ex)
        {
            Reply(BinanceErrors.Socket(3, $"Invalid JSON: expected value at line {(ex.LineNumber ?? 0) + 1} column {(ex.BytePositionInLine ?? 0) + 1}"));
            return;
        }
        using (document)
        {
            if (Answer(document.RootElement, request.Length) is { } answer)
            {
                Reply(answer);
            }
        }
    }

    protected override void OnClosed()
    {
        lock (_gate)
        {
            foreach (var stream in _streams)
            {
                hub.Unsubscribe(stream.Instrument, stream.Kind, this, stream.Name);
            }
            _streams.Clear();
        }
    }

    /// <returns>The reply, or null when it has already been queued.</returns>
    private string? Answer(JsonElement root, int length)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var method))
        {
            return BinanceErrors.Socket(2, $"Invalid request: missing field `method` at line 1 column {length}");
        }
        if (!TryReadId(root, out var id))
        {
            return BinanceErrors.Socket(2, "Invalid request: request ID must be an unsigned integer");
        }
        var parameters = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Array ? p : default;
        return method.ValueKind == JsonValueKind.String ? method.GetString() switch
        {
            "SUBSCRIBE" => Subscriptions(parameters, id, subscribe: true),
            "UNSUBSCRIBE" => Subscriptions(parameters, id, subscribe: false),
            "LIST_SUBSCRIPTIONS" => $"{{\"result\":[{ListStreams()}],\"id\":{id}}}",
            "SET_PROPERTY" => SetProperty(parameters, id),
            "GET_PROPERTY" => IsCombinedProperty(parameters) ? $"{{\"result\":{(_combined ? "true" : "false")},\"id\":{id}}}" : UnknownProperty(id),
            var other => UnknownMethod(other),
        } : UnknownMethod(method.GetRawText());
    }

    private string? Subscriptions(JsonElement parameters, string id, bool subscribe)
    {
        var streams = new List<BinanceStream>();
        if (parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in parameters.EnumerateArray())
            {
                if (name.ValueKind != JsonValueKind.String || !BinanceStream.TryParse(name.GetString()!, instruments, out var stream))
                {
                    // Not in Binance's table: the simulator names what it cannot serve instead of staying silent.
                    return BinanceErrors.Socket(2, $"Invalid request: unknown stream {name.GetRawText()} (the simulator serves <symbol>@depth, <symbol>@depth@100ms and <symbol>@trade)", id);
                }
                streams.Add(stream);
            }
        }
        // The reply is queued before subscribing, so a client always sees it before the first event.
        Reply($"{{\"result\":null,\"id\":{id}}}");
        foreach (var stream in streams)
        {
            if (subscribe)
            {
                Subscribe(stream);
            }
            else
            {
                Unsubscribe(stream);
            }
        }
        return null;
    }

    private void Unsubscribe(BinanceStream stream)
    {
        lock (_gate)
        {
            if (_streams.RemoveAll(s => s.Name == stream.Name) == 0)
            {
                return;
            }
        }
        hub.Unsubscribe(stream.Instrument, stream.Kind, this, stream.Name);
    }

    private string SetProperty(JsonElement parameters, string id)
    {
        if (!IsCombinedProperty(parameters))
        {
            return UnknownProperty(id);
        }
        if (parameters.GetArrayLength() != 2 || parameters[1].ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return BinanceErrors.Socket(1, "Invalid value type: expected Boolean");
        }
        _combined = parameters[1].GetBoolean();
        return $"{{\"result\":null,\"id\":{id}}}";
    }

    private string ListStreams()
    {
        lock (_gate)
        {
            return string.Join(',', _streams.Select(s => $"\"{s.Name}\""));
        }
    }

    private static bool IsCombinedProperty(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Array && parameters.GetArrayLength() > 0
        && parameters[0].ValueKind == JsonValueKind.String && parameters[0].GetString() == "combined";

    private static string UnknownProperty(string id) => BinanceErrors.Socket(0, "Unknown property", id);

    private static string UnknownMethod(string? method) =>
        BinanceErrors.Socket(2, $"Invalid request: unknown variant {method}, expected one of {BinanceErrors.Methods} at line 1 column 28");

    /// <summary>Binance accepts a 64-bit signed integer, an alphanumeric string of at most 36 characters, or null.</summary>
    private static bool TryReadId(JsonElement root, out string id)
    {
        id = "null";
        if (!root.TryGetProperty("id", out var element))
        {
            return false;
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case JsonValueKind.String when element.GetString() is { Length: <= 36 } text && text.All(char.IsAsciiLetterOrDigit):
                id = $"\"{text}\"";
                return true;
            default:
                return false;
        }
    }
}
