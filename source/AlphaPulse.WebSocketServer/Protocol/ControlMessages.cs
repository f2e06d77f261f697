using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Core.Replication;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>A snapshot of one exchange's feed for the stats channel. Immutable.</summary>
internal readonly record struct ExchangeStats(
    double MessagesPerSecond, double ShmLatencyMeanUs, double ShmLatencyP50Us, double ShmLatencyP99Us, double ShmLatencyMaxUs, double DataAgeMs,
    long Lost, long Resyncs, string Source, int Symbols, int Clients, IReadOnlyList<Replica> Replicas);

/// <summary>
/// JSON text frames outside the market data: welcome, acks, errors, pongs, heartbeats, stream
/// announcements (binary clients) and stats. Rare next to market data, so built with a fresh writer
/// each; every one is still shared when it goes to many clients (heartbeats, stats). Stateless.
/// </summary>
internal static class ControlMessages
{
    public static OutboundMessage Welcome(long clientId, WireEncoding encoding, TimeSpan heartbeat, IReadOnlyList<int> depths, int maxSubscriptions, int maxMessageBytes) => Build(json =>
    {
        json.WriteString("type", "welcome");
        json.WriteNumber("client_id", clientId);
        json.WriteString("encoding", encoding == WireEncoding.Binary ? "binary" : "json");
        json.WriteNumber("heartbeat_ms", (long)heartbeat.TotalMilliseconds);
        json.WriteStartArray("book_depths");
        foreach (var depth in depths)
        {
            json.WriteNumberValue(depth);
        }

        json.WriteEndArray();
        json.WriteNumber("max_subscriptions", maxSubscriptions);
        json.WriteNumber("max_message_bytes", maxMessageBytes);
    });

    public static OutboundMessage Subscribed(string type, long? id, SubscriptionPattern pattern, int streams) => Build(json =>
    {
        json.WriteString("type", type);
        WriteId(json, id);
        WritePattern(json, pattern);
        json.WriteNumber("streams", streams);
    });

    public static OutboundMessage Error(string code, string message, long? id) => Build(json =>
    {
        json.WriteString("type", "error");
        WriteId(json, id);
        json.WriteString("code", code);
        json.WriteString("message", message);
    });

    public static OutboundMessage Pong(long? id) => Build(json =>
    {
        json.WriteString("type", "pong");
        WriteId(json, id);
        json.WriteNumber("time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    });

    public static OutboundMessage Heartbeat(int clients) => Build(json =>
    {
        json.WriteString("type", "heartbeat");
        json.WriteNumber("time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        json.WriteNumber("clients", clients);
    });

    /// <summary>Tells a binary client what a stream id means and the scales of its fixed-point numbers.</summary>
    public static OutboundMessage Stream(in StreamDescription stream)
    {
        var described = stream;
        return Build(json =>
        {
            json.WriteString("type", "stream");
            json.WriteNumber("stream_id", described.Id);
            json.WriteString("channel", ProtocolNames.Of(described.Channel));
            json.WriteString("exchange", described.Exchange);
            if (described.Channel != StreamChannel.Stats)
            {
                json.WriteString("symbol", described.Symbol);
                json.WriteNumber("price_scale", described.PriceScale);
                json.WriteNumber("size_scale", described.SizeScale);
            }

            if (described.Depth > 0)
            {
                json.WriteNumber("depth", described.Depth);
            }
        });
    }

    public static OutboundMessage Stats(JsonEncodedText exchange, long sequence, in ExchangeStats stats)
    {
        var values = stats;
        return Build(json =>
        {
            json.WriteString("type", "stats");
            json.WriteString("exchange", exchange);
            json.WriteNumber("seq", sequence);
            json.WriteNumber("messages_per_s", Math.Round(values.MessagesPerSecond, 1));
            json.WriteNumber("shm_latency_us_mean", Math.Round(values.ShmLatencyMeanUs, 1));
            json.WriteNumber("shm_latency_us_p50", Math.Round(values.ShmLatencyP50Us, 1));
            json.WriteNumber("shm_latency_us_p99", Math.Round(values.ShmLatencyP99Us, 1));
            json.WriteNumber("shm_latency_us_max", Math.Round(values.ShmLatencyMaxUs, 1));
            json.WriteNumber("data_age_ms", Math.Round(values.DataAgeMs, 1));
            json.WriteNumber("lost", values.Lost);
            json.WriteNumber("resyncs", values.Resyncs);
            json.WriteString("source", Path.GetFileName(values.Source));
            json.WriteNumber("symbols", values.Symbols);
            json.WriteNumber("clients", values.Clients);
            json.WriteStartArray("replicas");
            foreach (var replica in values.Replicas)
            {
                json.WriteStartObject();
                json.WriteString("name", replica.Name);
                json.WriteBoolean("stale", replica.IsStale);
                json.WriteNumber("lag", replica.Lag);
                json.WriteNumber("staleness_ms", Math.Round(replica.StalenessNanoseconds / 1e6, 1));
                json.WriteNumber("failovers", replica.Failovers);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static void WriteId(Utf8JsonWriter json, long? id)
    {
        if (id is { } value)
        {
            json.WriteNumber("id", value);
        }
    }

    private static void WritePattern(Utf8JsonWriter json, SubscriptionPattern pattern)
    {
        json.WriteString("channel", ProtocolNames.Of(pattern.Channel));
        json.WriteString("exchange", pattern.Exchange);
        if (pattern.Channel != StreamChannel.Stats)
        {
            json.WriteString("symbol", pattern.Symbol);
        }

        if (pattern.Channel == StreamChannel.Book)
        {
            json.WriteNumber("depth", pattern.Depth);
        }
    }

    private static OutboundMessage Build(Action<Utf8JsonWriter> body)
    {
        var message = OutboundMessage.Rent(WebSocketMessageType.Text, publishTime: 0, conflatable: false);
        // Disposing the writer, as the method returns, flushes what it holds into the message.
        using var json = new Utf8JsonWriter(message);
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        return message;
    }
}
