using System.Buffers.Binary;
using System.Text.Json;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>The encoder alone: one market-data message per call, in the encoding asked for (docs/websocket-protocol.md).</summary>
public sealed class MarketEncoderTests : IDisposable
{
    private readonly MarketsFixture _markets = new();
    private readonly MarketEncoder _encoder = new();

    public void Dispose()
    {
        _encoder.Dispose();
        _markets.Dispose();
    }

    [Fact]
    public void ShouldEncodeATradeAsJsonWithExactDecimalStrings()
    {
        var stream = _markets.Btc.Trades;
        stream.Advance();
        var trade = new Trade(0, Price: 6_700_050, Size: 2_500, TradeSide.Sell, TradeId: 42, ExchangeTime: 7, ReceiveTime: 8);

        var json = Json(_encoder.Trade(stream, trade, publishTime: 99, WireEncoding.Json));

        Assert.Equal("trade", json.GetProperty("type").GetString());
        Assert.Equal(("binance", "BTC-USDT"), (json.GetProperty("exchange").GetString(), json.GetProperty("symbol").GetString()));
        Assert.Equal((1L, 99L), (json.GetProperty("seq").GetInt64(), json.GetProperty("pt").GetInt64()));
        Assert.Equal(("67000.5", "0.25", "sell"), (json.GetProperty("price").GetString(), json.GetProperty("size").GetString(), json.GetProperty("side").GetString()));
        Assert.Equal(42UL, json.GetProperty("trade_id").GetUInt64());
    }

    [Fact]
    public void ShouldEncodeABinaryBookDeltaAsHeaderThenLevels()
    {
        var stream = _markets.Btc.View(10)!.Stream;
        stream.Advance();
        stream.Advance();
        PriceLevel[] bids = [new(100, 5)];
        PriceLevel[] asks = [new(101, 0), new(102, 7)];

        var message = _encoder.Book(stream, snapshot: false, bids, asks, synced: true, publishTime: 555, WireEncoding.Binary);
        var data = message.Memory.Span;

        Assert.Equal(MarketEncoder.BinaryHeaderLength + 8 + (3 * 16), data.Length);
        Assert.Equal((byte)BinaryKind.BookDelta, data[0]);
        Assert.Equal(stream.Id, BinaryPrimitives.ReadInt32LittleEndian(data[4..]));
        Assert.Equal(2, BinaryPrimitives.ReadInt64LittleEndian(data[8..]));
        Assert.Equal(555, BinaryPrimitives.ReadInt64LittleEndian(data[16..]));
        var body = data[MarketEncoder.BinaryHeaderLength..];
        Assert.Equal((1, 2, 10, 1), (BinaryPrimitives.ReadUInt16LittleEndian(body), BinaryPrimitives.ReadUInt16LittleEndian(body[2..]), BinaryPrimitives.ReadUInt16LittleEndian(body[4..]), body[6]));
        Assert.Equal((100L, 5L), (BinaryPrimitives.ReadInt64LittleEndian(body[8..]), BinaryPrimitives.ReadInt64LittleEndian(body[16..])));
        Assert.Equal((102L, 7L), (BinaryPrimitives.ReadInt64LittleEndian(body[40..]), BinaryPrimitives.ReadInt64LittleEndian(body[48..])));
        Assert.True(message.IsConflatable);
        message.Release();
    }

    [Fact]
    public void ShouldMarkASnapshotAsNotConflatableAndCarryItsSyncedFlag()
    {
        var stream = _markets.Btc.View(10)!.Stream;

        var json = _encoder.Book(stream, snapshot: true, [new PriceLevel(100, 5)], [], synced: false, publishTime: 1, WireEncoding.Json);
        var parsed = Json(json, release: false);

        Assert.False(json.IsConflatable);
        Assert.Equal("book_snapshot", parsed.GetProperty("type").GetString());
        Assert.False(parsed.GetProperty("synced").GetBoolean());
        Assert.Equal("1", parsed.GetProperty("bids")[0][0].GetString());
        json.Release();
    }

    [Fact]
    public void ShouldEncodeTheTickerFromTheMarketsTopAndLastTrade()
    {
        var market = _markets.Btc;
        market.MoveTicker(new PriceLevel(10_000, 10_000), new PriceLevel(10_050, 5_000));
        market.OnTrade(new Trade(0, 10_025, 1, TradeSide.Buy, 1, 0, 0));

        var json = Json(_encoder.Ticker(market.Ticker, publishTime: 1, WireEncoding.Json));

        Assert.Equal(("100", "1", "100.5", "0.5"), (json.GetProperty("bid").GetString(), json.GetProperty("bid_size").GetString(), json.GetProperty("ask").GetString(), json.GetProperty("ask_size").GetString()));
        Assert.Equal(("100.25", "0.0001"), (json.GetProperty("last").GetString(), json.GetProperty("last_size").GetString()));
    }

    [Fact]
    public void ShouldCountEveryMessageItEncodes()
    {
        var stream = _markets.Btc.Trades;
        var trade = new Trade(0, 1, 1, TradeSide.Buy, 1, 0, 0);

        _encoder.Trade(stream, trade, 1, WireEncoding.Json).Release();
        _encoder.Trade(stream, trade, 1, WireEncoding.Binary).Release();

        Assert.Equal(2, _encoder.Encodings);
    }

    private static JsonElement Json(OutboundMessage message, bool release = true)
    {
        using var document = JsonDocument.Parse(message.Memory);
        var root = document.RootElement.Clone();
        if (release)
        {
            message.Release();
        }

        return root;
    }
}
