using System.Buffers.Binary;
using System.Net.WebSockets;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Protocol;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

public sealed class BinaryEncodingTests
{
    [Fact]
    public async Task ShouldSendBinaryTradesAfterAnnouncingTheStreamWhenTheBinarySubprotocolIsNegotiated()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        using var client = await server.ConnectAsync(options => options.AddSubProtocol(ProtocolNames.BinarySubProtocol));
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");
        var announcement = await client.ReceiveTypeAsync("stream");

        ring.Trade(0, 67000.5m, 0.25m, TradeSide.Sell);
        var frame = await client.ReceiveUntilAsync("a binary frame", received => received.Kind == WebSocketMessageType.Binary);

        var data = frame.Data;
        Assert.Equal(ProtocolNames.BinarySubProtocol, client.Socket.SubProtocol);
        Assert.Equal(2, announcement.Json.GetProperty("price_scale").GetInt32());
        Assert.Equal((byte)BinaryKind.Trade, data[0]);
        Assert.Equal(announcement.Json.GetProperty("stream_id").GetInt32(), BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(8)));
        Assert.Equal(TestRing.Price(67000.5m), BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(24)));
        Assert.Equal(TestRing.Size(0.25m), BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(32)));
        Assert.Equal((byte)TradeSide.Sell, data[24 + 32]);
    }

    [Fact]
    public async Task ShouldSerialiseOnceAndShareTheBufferAcrossSubscribers()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        var clients = new List<TestClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await server.ConnectAsync());
            await clients[i].SubscribeAsync("trades", "binance", "BTCUSDT");
        }

        var encodedBefore = server.Hub.Encodings;
        ring.Trade(0, 1m, 1m);
        var received = new List<string>();
        foreach (var client in clients)
        {
            received.Add((await client.ReceiveTypeAsync("trade")).Text);
            client.Dispose();
        }

        Assert.Single(received.Distinct());
        Assert.Equal(1, server.Hub.Encodings - encodedBefore);
    }

    [Fact]
    public async Task ShouldEncodeOnlyTheBinaryFormWhenEverySubscriberIsBinary()
    {
        await using var server = await TestServer.StartAsync();
        using var ring = await server.AddRingAsync("binance", "BTCUSDT");
        ring.Snapshot(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(1))], [new PriceLevel(TestRing.Price(101), TestRing.Size(1))]);
        using var client = await server.ConnectAsync(options => options.AddSubProtocol(ProtocolNames.BinarySubProtocol));
        await client.SubscribeAsync("trades", "binance", "BTCUSDT");
        await client.SubscribeAsync("book", "binance", "BTCUSDT", depth: 10, id: 2);
        await client.ReceiveUntilAsync("the book's snapshot", frame => frame.Kind == WebSocketMessageType.Binary && frame.Data[0] == (byte)BinaryKind.BookSnapshot);

        var encodedBefore = server.Hub.Encodings;
        ring.Trade(0, 100.5m, 1m);
        await client.ReceiveUntilAsync("the trade", frame => frame.Kind == WebSocketMessageType.Binary && frame.Data[0] == (byte)BinaryKind.Trade);
        ring.Delta(0, [new PriceLevel(TestRing.Price(100), TestRing.Size(2))], []);
        await client.ReceiveUntilAsync("the book's delta", frame => frame.Kind == WebSocketMessageType.Binary && frame.Data[0] == (byte)BinaryKind.BookDelta);

        // One encoding each, the binary one: nobody reads JSON.
        Assert.Equal(2, server.Hub.Encodings - encodedBefore);
    }
}
