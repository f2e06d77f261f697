using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Exchanges;

/// <summary>The Binance WebSocket endpoints against a real simulator, with a real client.</summary>
public class BinanceStreamTests
{
    [Fact]
    public async Task ShouldSendRawDepthUpdatesWithDocumentedFieldsAndTypes()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/ws/btcusdt@depth@100ms");

        using var frame = JsonDocument.Parse((await ReceiveTextAsync(socket))!);

        var root = frame.RootElement;
        Assert.Equal(["e", "E", "s", "U", "u", "b", "a"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("depthUpdate", root.GetProperty("e").GetString());
        Assert.Equal("BTCUSDT", root.GetProperty("s").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("U").ValueKind);
        Assert.All(root.GetProperty("b").EnumerateArray().Concat(root.GetProperty("a").EnumerateArray()), level =>
        {
            Assert.Equal(2, level.GetArrayLength());
            Assert.Matches(@"^\d+\.\d{8}$", level[0].GetString());
            Assert.Matches(@"^\d+\.\d{8}$", level[1].GetString());
        });
    }

    [Fact]
    public async Task ShouldWrapCombinedStreamsWithStreamAndData()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/stream?streams=btcusdt@depth@100ms/btcusdt@trade");

        var seen = new HashSet<string>();
        while (seen.Count < 2)
        {
            using var frame = JsonDocument.Parse((await ReceiveTextAsync(socket))!);
            var root = frame.RootElement;
            Assert.Equal(["stream", "data"], root.EnumerateObject().Select(p => p.Name));
            var stream = root.GetProperty("stream").GetString()!;
            var data = root.GetProperty("data");
            var expected = stream == "btcusdt@trade" ? new[] { "e", "E", "s", "t", "p", "q", "T", "m", "M" } : ["e", "E", "s", "U", "u", "b", "a"];
            Assert.Equal(expected, data.EnumerateObject().Select(p => p.Name));
            seen.Add(stream);
        }
        Assert.Equal(["btcusdt@depth@100ms", "btcusdt@trade"], seen.Order());
    }

    [Fact]
    public async Task ShouldAnswerSubscribeListAndUnsubscribeAsDocumented()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/ws");

        await SendTextAsync(socket, """{"method":"SUBSCRIBE","params":["ethusdt@trade"],"id":1}""");
        Assert.Equal("""{"result":null,"id":1}""", await ReceiveTextAsync(socket));
        Assert.Contains("\"e\":\"trade\"", await ReceiveTextAsync(socket));

        await SendTextAsync(socket, """{"method":"LIST_SUBSCRIPTIONS","id":"list2"}""");
        Assert.Equal("""{"result":["ethusdt@trade"],"id":"list2"}""", await NextReplyAsync(socket));

        await SendTextAsync(socket, """{"method":"UNSUBSCRIBE","params":["ethusdt@trade"],"id":3}""");
        Assert.Equal("""{"result":null,"id":3}""", await NextReplyAsync(socket));
        await SendTextAsync(socket, """{"method":"LIST_SUBSCRIPTIONS","id":4}""");
        Assert.Equal("""{"result":[],"id":4}""", await NextReplyAsync(socket));
    }

    [Fact]
    public async Task ShouldSwitchToCombinedPayloadsWhenThePropertyIsSet()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/ws");

        await SendTextAsync(socket, """{"method":"SET_PROPERTY","params":["combined",true],"id":5}""");
        Assert.Equal("""{"result":null,"id":5}""", await ReceiveTextAsync(socket));
        await SendTextAsync(socket, """{"method":"GET_PROPERTY","params":["combined"],"id":2}""");
        Assert.Equal("""{"result":true,"id":2}""", await ReceiveTextAsync(socket));
        await SendTextAsync(socket, """{"method":"SUBSCRIBE","params":["btcusdt@depth"],"id":6}""");
        Assert.Equal("""{"result":null,"id":6}""", await ReceiveTextAsync(socket));

        Assert.StartsWith("""{"stream":"btcusdt@depth","data":{"e":"depthUpdate",""", await ReceiveTextAsync(socket));
    }

    [Theory]
    [InlineData("""{"method":"FOO","id":1}""", """{"code":2,"msg":"Invalid request: unknown variant FOO, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY` at line 1 column 28"}""")]
    [InlineData("""{"method":"SUBSCRIBE","id":-1.5}""", """{"code":2,"msg":"Invalid request: request ID must be an unsigned integer"}""")]
    [InlineData("""{"method":"GET_PROPERTY","params":["colour"],"id":9}""", """{"code":0,"msg":"Unknown property","id":9}""")]
    [InlineData("""{"method":"SET_PROPERTY","params":["combined","yes"],"id":9}""", """{"code":1,"msg":"Invalid value type: expected Boolean"}""")]
    [InlineData("""{"id":1}""", """{"code":2,"msg":"Invalid request: missing field `method` at line 1 column 8"}""")]
    [InlineData("{\"method\":", """{"code":3,"msg":"Invalid JSON: expected value at line 1 column 11"}""")]
    public async Task ShouldAnswerBadRequestsWithDocumentedErrors(string request, string expected)
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/ws");

        await SendTextAsync(socket, request);

        Assert.Equal(expected, await ReceiveTextAsync(socket));
    }

    [Fact]
    public async Task ShouldRejectAnUnknownStreamBeforeUpgrading()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => simulator.ConnectAsync("/ws/dogeusdt@depth"));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSendPingFramesThatTheClientAnswers()
    {
        var settings = new AlphaPulse.Simulator.Hosting.SimulatorSettings { Rate = 100, Depth = 100, PingInterval = TimeSpan.FromMilliseconds(200) };
        await using var simulator = await RunningSimulator.StartAsync(settings);

        var opcodes = await RawWebSocket.ReadOpcodesAsync(simulator.WebSocketBase, "/ws", count: 2);

        Assert.All(opcodes, opcode => Assert.Equal(RawWebSocket.Ping, opcode));
    }

    private static async Task<string?> NextReplyAsync(WebSocket socket)
    {
        while (true)
        {
            var text = await ReceiveTextAsync(socket);
            if (text is null || text.StartsWith("{\"result\"", StringComparison.Ordinal))
            {
                return text;
            }
        }
    }
}
