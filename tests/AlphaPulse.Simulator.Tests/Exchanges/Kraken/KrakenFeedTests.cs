using System.Text.Json;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Exchanges.Kraken;

/// <summary>The Kraken v2 endpoint against a real simulator, with a real client.</summary>
public class KrakenFeedTests
{
    [Fact]
    public async Task ShouldGreetWithStatusWhoseConnectionIdDoesNotFitSigned64Bits()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/kraken/v2");

        var status = await ReceiveJsonAsync(socket);

        Assert.Equal(["channel", "type", "data"], status.EnumerateObject().Select(p => p.Name));
        var data = status.GetProperty("data")[0];
        Assert.Equal(["version", "system", "api_version", "connection_id"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("online", data.GetProperty("system").GetString());
        var id = data.GetProperty("connection_id");
        Assert.False(id.TryGetInt64(out _));
        Assert.True(ulong.Parse(id.GetRawText(), System.Globalization.CultureInfo.InvariantCulture) > long.MaxValue);
    }

    [Fact]
    public async Task ShouldAcknowledgeThenSnapshotThenUpdateWithMatchingChecksums()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/kraken/v2");
        await ReceiveJsonAsync(socket);

        await SendTextAsync(socket, """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true},"req_id":7}""");

        var ack = await ReceiveJsonAsync(socket);
        Assert.Equal(["method", "req_id", "result", "success", "time_in", "time_out"], ack.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"channel":"book","depth":10,"snapshot":true,"symbol":"BTC/USD"}""", ack.GetProperty("result").GetRawText());
        var book = new KrakenReferenceBook(10);
        var snapshot = await ReceiveJsonAsync(socket);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        Assert.Equal(["symbol", "bids", "asks", "checksum", "timestamp"], snapshot.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(10, snapshot.GetProperty("data")[0].GetProperty("bids").GetArrayLength());
        Assert.True(book.Apply(snapshot), "snapshot checksum");
        for (var i = 0; i < 200; i++)
        {
            var message = await ReceiveUntilAsync(socket, m => m.TryGetProperty("channel", out var c) && c.GetString() == "book");
            Assert.Equal("update", message.GetProperty("type").GetString());
            AssertPlainNumbers(message.GetRawText());
            Assert.True(book.Apply(message), $"update {i} checksum");
        }
    }

    [Fact]
    public async Task ShouldServeTradesWithSnapshotAndUpdates()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/kraken/v2");
        await ReceiveJsonAsync(socket);
        await Task.Delay(300);

        await SendTextAsync(socket, """{"method":"subscribe","params":{"channel":"trade","symbol":["ETH/USD"],"snapshot":true}}""");

        Assert.Equal("""{"channel":"trade","snapshot":true,"symbol":"ETH/USD"}""", (await ReceiveJsonAsync(socket)).GetProperty("result").GetRawText());
        var snapshot = await ReceiveJsonAsync(socket);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        var ids = snapshot.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("trade_id").GetInt64()).ToList();
        for (var i = 0; i < 5; i++)
        {
            var update = await ReceiveUntilAsync(socket, m => m.TryGetProperty("channel", out var c) && c.GetString() == "trade");
            var trade = update.GetProperty("data")[0];
            Assert.Equal(["symbol", "side", "price", "qty", "ord_type", "trade_id", "timestamp"], trade.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, trade.GetProperty("price").ValueKind);
            ids.Add(trade.GetProperty("trade_id").GetInt64());
        }
        // Kraken's v2 trade ids are sequential: the updates continue the snapshot without a gap or an overlap.
        Assert.Equal(Enumerable.Range((int)ids[0], ids.Count).Select(i => (long)i), ids);
    }

    [Theory]
    [InlineData("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":27},"req_id":1}""", """{"error":"Subscription depth not supported","method":"subscribe","req_id":1,"success":false,"time_in":""")]
    [InlineData("""{"method":"subscribe","params":{"channel":"book","symbol":["DOGE/USD"]},"req_id":2}""", """{"error":"Currency pair not supported","method":"subscribe","req_id":2,"success":false,"symbol":"DOGE/USD","time_in":""")]
    [InlineData("""{"method":"subscribe","params":{"channel":"ticker","symbol":["BTC/USD"]}}""", """{"error":"Channel ticker not supported by the simulator (book, trade)","method":"subscribe","success":false,"time_in":""")]
    [InlineData("""{"method":"unsubscribe","params":{"channel":"book","symbol":["BTC/USD"]},"req_id":4}""", """{"error":"Subscription Not Found","method":"unsubscribe","req_id":4,"success":false,"symbol":"BTC/USD","time_in":""")]
    [InlineData("""{"method":"fly"}""", """{"error":"Method not supported","method":"fly","success":false,"time_in":""")]
    [InlineData("""{"method":""", """{"error":"Malformed request","success":false,"time_in":""")]
    public async Task ShouldRefuseBadRequestsWithSuccessFalse(string request, string expectedStart)
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/kraken/v2");
        await ReceiveJsonAsync(socket);

        await SendTextAsync(socket, request);

        Assert.StartsWith(expectedStart, await ReceiveTextAsync(socket), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldAnswerPingAndSendHeartbeatsAndUnsubscribe()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/kraken/v2");
        await ReceiveJsonAsync(socket);

        await SendTextAsync(socket, """{"method":"ping","req_id":101}""");
        var pong = await ReceiveJsonAsync(socket);
        Assert.Equal(["method", "req_id", "time_in", "time_out"], pong.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pong", pong.GetProperty("method").GetString());

        await SendTextAsync(socket, """{"method":"subscribe","params":{"channel":"trade","symbol":["BTC/USD"]}}""");
        var heartbeat = await ReceiveUntilAsync(socket, m => m.TryGetProperty("channel", out var c) && c.GetString() == "heartbeat");
        Assert.Equal("""{"channel":"heartbeat"}""", heartbeat.GetRawText());

        await SendTextAsync(socket, """{"method":"unsubscribe","params":{"channel":"trade","symbol":["BTC/USD"]},"req_id":9}""");
        var ack = await ReceiveUntilAsync(socket, m => m.TryGetProperty("method", out var method) && method.GetString() == "unsubscribe");
        Assert.Equal("""{"channel":"trade","symbol":"BTC/USD"}""", ack.GetProperty("result").GetRawText());
        Assert.True(ack.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task ShouldRejectAnInvalidFaultQuery()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.Http.GetAsync("/kraken/v2?fault=gap");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static void AssertPlainNumbers(string frame) =>
        Assert.DoesNotMatch(@"\d[eE][+-]?\d", frame);
}
