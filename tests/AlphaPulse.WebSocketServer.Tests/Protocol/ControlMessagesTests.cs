using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.WebSocketServer.Protocol;
using AlphaPulse.WebSocketServer.Tests.Markets;

namespace AlphaPulse.WebSocketServer.Tests.Protocol;

/// <summary>The JSON control frames field by field, as docs/websocket-protocol.md shows them.</summary>
public sealed class ControlMessagesTests
{
    [Fact]
    public void ShouldWelcomeAClientWithItsIdEncodingAndTheServersLimits()
    {
        var json = Json(ControlMessages.Welcome(17, WireEncoding.Json, TimeSpan.FromSeconds(5), [1, 5, 10], maxSubscriptions: 64, maxMessageBytes: 4096));
        var binary = Json(ControlMessages.Welcome(18, WireEncoding.Binary, TimeSpan.FromMilliseconds(250.7), [10], maxSubscriptions: 1, maxMessageBytes: 2));

        Assert.Equal("{\"type\":\"welcome\",\"client_id\":17,\"encoding\":\"json\",\"heartbeat_ms\":5000,\"book_depths\":[1,5,10],\"max_subscriptions\":64,\"max_message_bytes\":4096}", json.GetRawText());
        Assert.Equal(("binary", 250L, 18L), (binary.GetProperty("encoding").GetString(), binary.GetProperty("heartbeat_ms").GetInt64(), binary.GetProperty("client_id").GetInt64()));
    }

    [Fact]
    public void ShouldAcknowledgeASubscriptionWithItsPatternAndStreamCount()
    {
        var book = Json(ControlMessages.Subscribed("subscribed", 1, new SubscriptionPattern(StreamChannel.Book, "binance", "BTC-USDT", 10), streams: 1));
        var trades = Json(ControlMessages.Subscribed("unsubscribed", 4, new SubscriptionPattern(StreamChannel.Trades, "*", "*", 0), streams: 6));
        var stats = Json(ControlMessages.Subscribed("subscribed", null, new SubscriptionPattern(StreamChannel.Stats, "*", "*", 0), streams: 3));

        Assert.Equal("{\"type\":\"subscribed\",\"id\":1,\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"depth\":10,\"streams\":1}", book.GetRawText());
        Assert.Equal("{\"type\":\"unsubscribed\",\"id\":4,\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\",\"streams\":6}", trades.GetRawText());
        Assert.Equal("{\"type\":\"subscribed\",\"channel\":\"stats\",\"exchange\":\"*\",\"streams\":3}", stats.GetRawText());
    }

    [Fact]
    public void ShouldEchoTheIdInAnErrorOnlyWhenThereIsOne()
    {
        var withId = Json(ControlMessages.Error(ErrorCode.UnknownOp, "op must be …: op=dance (set \"op\")", 0));
        var withoutId = Json(ControlMessages.Error(ErrorCode.MalformedJson, "m", null));

        Assert.Equal("error", withId.GetProperty("type").GetString());
        Assert.Equal((0L, "unknown_op", "op must be …: op=dance (set \"op\")"), (withId.GetProperty("id").GetInt64(), withId.GetProperty("code").GetString(), withId.GetProperty("message").GetString()));
        Assert.False(withoutId.TryGetProperty("id", out _));
        Assert.Equal("malformed_json", withoutId.GetProperty("code").GetString());
    }

    [Fact]
    public void ShouldStampPongsAndHeartbeatsWithTheWallClock()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pong = Json(ControlMessages.Pong(6));
        var heartbeat = Json(ControlMessages.Heartbeat(clients: 12));
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(("pong", 6L), (pong.GetProperty("type").GetString(), pong.GetProperty("id").GetInt64()));
        Assert.InRange(pong.GetProperty("time").GetInt64(), before, after);
        Assert.False(Json(ControlMessages.Pong(null)).TryGetProperty("id", out _));
        Assert.Equal(("heartbeat", 12), (heartbeat.GetProperty("type").GetString(), heartbeat.GetProperty("clients").GetInt32()));
        Assert.InRange(heartbeat.GetProperty("time").GetInt64(), before, after);
    }

    [Fact]
    public void ShouldDescribeABookStreamWithItsScalesAndDepth()
    {
        var description = new StreamDescription(5, StreamChannel.Book, JsonEncodedText.Encode("binance"), JsonEncodedText.Encode("BTC-USDT"), 8, 6, 10);

        var stream = Json(ControlMessages.Stream(description));

        Assert.Equal("{\"type\":\"stream\",\"stream_id\":5,\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"price_scale\":8,\"size_scale\":6,\"depth\":10}", stream.GetRawText());
    }

    [Fact]
    public void ShouldDescribeATradeStreamWithoutADepthAndAStatsStreamWithoutSymbolOrScales()
    {
        var trades = Json(ControlMessages.Stream(new StreamDescription(2, StreamChannel.Trades, JsonEncodedText.Encode("kraken"), JsonEncodedText.Encode("BTC-USD"), 1, 8, 0)));
        var stats = Json(ControlMessages.Stream(new StreamDescription(0, StreamChannel.Stats, JsonEncodedText.Encode("kraken"), default, 0, 0, 0)));

        Assert.Equal("{\"type\":\"stream\",\"stream_id\":2,\"channel\":\"trades\",\"exchange\":\"kraken\",\"symbol\":\"BTC-USD\",\"price_scale\":1,\"size_scale\":8}", trades.GetRawText());
        Assert.Equal("{\"type\":\"stream\",\"stream_id\":0,\"channel\":\"stats\",\"exchange\":\"kraken\"}", stats.GetRawText());
    }

    [Fact]
    public void ShouldReportStatsRoundedToATenthWithTheRingsFileNameAndEachReplica()
    {
        using var markets = new MarketsFixture();
        var feed = markets.Exchange.Feed;
        while (feed.TryRead(out _))
        {
        }

        // An idle read checks each replica's health: 20 ms after the last, the writer has published nothing for that long.
        Thread.Sleep(20);
        feed.TryRead(out _);
        var replicas = feed.Replicas;
        var figures = new ExchangeStats(1234.56, 12.34, 10.06, 99.99, 250.04, 3.21, Lost: 7, Resyncs: 2, Source: "/dev/shm/x/binance-a.ring", Symbols: 2, Clients: 3, replicas);

        var stats = Json(ControlMessages.Stats(JsonEncodedText.Encode("binance"), 41, figures));

        Assert.Equal(("stats", "binance", 41L), (stats.GetProperty("type").GetString(), stats.GetProperty("exchange").GetString(), stats.GetProperty("seq").GetInt64()));
        Assert.Equal(
            (1234.6, 12.3, 10.1, 100.0, 250.0, 3.2),
            (stats.GetProperty("messages_per_s").GetDouble(), stats.GetProperty("shm_latency_us_mean").GetDouble(), stats.GetProperty("shm_latency_us_p50").GetDouble(), stats.GetProperty("shm_latency_us_p99").GetDouble(), stats.GetProperty("shm_latency_us_max").GetDouble(), stats.GetProperty("data_age_ms").GetDouble()));
        Assert.Equal((7L, 2L, "binance-a.ring", 2, 3), (stats.GetProperty("lost").GetInt64(), stats.GetProperty("resyncs").GetInt64(), stats.GetProperty("source").GetString(), stats.GetProperty("symbols").GetInt32(), stats.GetProperty("clients").GetInt32()));
        var replica = Assert.Single(stats.GetProperty("replicas").EnumerateArray());
        Assert.Equal(replicas[0].Name, replica.GetProperty("name").GetString());
        Assert.Equal(replicas[0].IsStale, replica.GetProperty("stale").GetBoolean());
        Assert.Equal(replicas[0].Lag, replica.GetProperty("lag").GetInt64());
        Assert.Equal(Math.Round(replicas[0].StalenessNanoseconds / 1e6, 1), replica.GetProperty("staleness_ms").GetDouble());
        Assert.InRange(replica.GetProperty("staleness_ms").GetDouble(), 20, 60_000);
        Assert.Equal(replicas[0].Failovers, replica.GetProperty("failovers").GetInt64());
    }

    [Fact]
    public void ShouldSendControlFramesAsTextThatAreNeverConflated()
    {
        var message = ControlMessages.Heartbeat(1);

        Assert.Equal((WebSocketMessageType.Text, false, 0L), (message.Type, message.IsConflatable, message.PublishTime));
        message.Release();
    }

    private static JsonElement Json(OutboundMessage message)
    {
        using var document = JsonDocument.Parse(message.Memory);
        var root = document.RootElement.Clone();
        message.Release();
        return root;
    }
}
