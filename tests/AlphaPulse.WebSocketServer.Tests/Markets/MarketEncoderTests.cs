using System.Buffers.Binary;
using System.Net.WebSockets;
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

    [Theory]
    [InlineData(TradeSide.Buy, "buy", 1)]
    [InlineData(TradeSide.Sell, "sell", 2)]
    [InlineData(TradeSide.Unknown, "unknown", 0)]
    public void ShouldEncodeATradesSideInBothEncodings(TradeSide side, string name, byte code)
    {
        var stream = _markets.Btc.Trades;
        var trade = new Trade(0, 100, 1, side, 1, 0, 0);

        var json = Json(_encoder.Trade(stream, trade, 1, WireEncoding.Json));
        var binary = _encoder.Trade(stream, trade, 1, WireEncoding.Binary);

        Assert.Equal(name, json.GetProperty("side").GetString());
        Assert.Equal(code, binary.Memory.Span[MarketEncoder.BinaryHeaderLength + 32]);
        binary.Release();
    }

    [Fact]
    public void ShouldEncodeABinaryTradeAsHeaderThenPriceSizeIdTimeAndSide()
    {
        var stream = _markets.Eth.Trades;
        stream.Advance();
        var trade = new Trade(1, Price: -5, Size: 7, TradeSide.Sell, TradeId: ulong.MaxValue - 1, ExchangeTime: 1_764_300_000_123_000_000, ReceiveTime: 3);

        var message = _encoder.Trade(stream, trade, publishTime: 77, WireEncoding.Binary);
        var data = message.Memory.Span;
        var body = data[MarketEncoder.BinaryHeaderLength..];

        Assert.Equal((WebSocketMessageType.Binary, false, 77L), (message.Type, message.IsConflatable, message.PublishTime));
        Assert.Equal(MarketEncoder.BinaryHeaderLength + 40, data.Length);
        Assert.Equal(((byte)BinaryKind.Trade, (byte)0, (ushort)0), (data[0], data[1], BinaryPrimitives.ReadUInt16LittleEndian(data[2..])));
        Assert.Equal((stream.Id, 1L, 77L), (BinaryPrimitives.ReadInt32LittleEndian(data[4..]), BinaryPrimitives.ReadInt64LittleEndian(data[8..]), BinaryPrimitives.ReadInt64LittleEndian(data[16..])));
        Assert.Equal((-5L, 7L), (BinaryPrimitives.ReadInt64LittleEndian(body), BinaryPrimitives.ReadInt64LittleEndian(body[8..])));
        Assert.Equal((ulong.MaxValue - 1, 1_764_300_000_123_000_000L), (BinaryPrimitives.ReadUInt64LittleEndian(body[16..]), BinaryPrimitives.ReadInt64LittleEndian(body[24..])));
        Assert.Equal((byte)2, body[32]);
        Assert.True(body[33..40].IndexOfAnyExcept((byte)0) < 0, "the 7 reserved bytes are zero");
        message.Release();
    }

    [Fact]
    public void ShouldEncodeTheTradesIdAndExchangeTimeInJson()
    {
        var trade = new Trade(0, 100, 1, TradeSide.Buy, TradeId: 3_300_214, ExchangeTime: 1_764_300_000_123_000_000, ReceiveTime: 0);

        var json = Json(_encoder.Trade(_markets.Btc.Trades, trade, 1, WireEncoding.Json));

        Assert.Equal((3_300_214UL, 1_764_300_000_123_000_000L), (json.GetProperty("trade_id").GetUInt64(), json.GetProperty("exchange_time").GetInt64()));
    }

    [Fact]
    public void ShouldEncodeABinaryTickerAsTopThenLastTrade()
    {
        var market = _markets.Btc;
        market.MoveTicker(new PriceLevel(10_000, 3), new PriceLevel(10_050, 4));
        market.OnTrade(new Trade(0, 10_025, 6, TradeSide.Buy, 1, 0, 0));
        market.Ticker.Advance();

        var message = _encoder.Ticker(market.Ticker, publishTime: 8, WireEncoding.Binary);
        var data = message.Memory.Span;
        var body = data[MarketEncoder.BinaryHeaderLength..];

        Assert.Equal(MarketEncoder.BinaryHeaderLength + 48, data.Length);
        Assert.Equal(((byte)BinaryKind.Ticker, market.Ticker.Id, 1L, 8L), (data[0], BinaryPrimitives.ReadInt32LittleEndian(data[4..]), BinaryPrimitives.ReadInt64LittleEndian(data[8..]), BinaryPrimitives.ReadInt64LittleEndian(data[16..])));
        var values = new long[6];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(body[(8 * i)..]);
        }

        Assert.Equal([10_000L, 3, 10_050, 4, 10_025, 6], values);
        Assert.False(message.IsConflatable);
        message.Release();
    }

    [Fact]
    public void ShouldEncodeAJsonBookDeltaWithItsDepthAndLevelsButNoSyncedFlag()
    {
        var stream = _markets.Btc.View(5)!.Stream;
        stream.Advance();

        var message = _encoder.Book(stream, snapshot: false, [new PriceLevel(10_000, 0), new PriceLevel(9_950, 12_500)], [new PriceLevel(10_100, 1)], synced: true, publishTime: 4, WireEncoding.Json);
        Assert.True(message.IsConflatable);
        var json = Json(message);

        Assert.Equal(("book_delta", 5, 1L, 4L), (json.GetProperty("type").GetString(), json.GetProperty("depth").GetInt32(), json.GetProperty("seq").GetInt64(), json.GetProperty("pt").GetInt64()));
        Assert.False(json.TryGetProperty("synced", out _));
        Assert.Equal("[[\"100\",\"0\"],[\"99.5\",\"1.25\"]]", json.GetProperty("bids").GetRawText());
        Assert.Equal("[[\"101\",\"0.0001\"]]", json.GetProperty("asks").GetRawText());
    }

    [Fact]
    public void ShouldEncodeABinarySnapshotWithItsSyncedFlagAndNoLevelsOnAnEmptyBook()
    {
        var stream = _markets.Btc.View(1)!.Stream;

        var synced = _encoder.Book(stream, snapshot: true, [], [], synced: true, publishTime: 0, WireEncoding.Binary);
        var unsynced = _encoder.Book(stream, snapshot: true, [new PriceLevel(1, 2)], [], synced: false, publishTime: 0, WireEncoding.Binary);
        var body = synced.Memory.Span[MarketEncoder.BinaryHeaderLength..];
        var other = unsynced.Memory.Span[MarketEncoder.BinaryHeaderLength..];

        Assert.Equal(((byte)BinaryKind.BookSnapshot, false), (synced.Memory.Span[0], synced.IsConflatable));
        Assert.Equal(MarketEncoder.BinaryHeaderLength + 8, synced.Length);
        Assert.Equal((0, 0, 1, 1, 0), (BinaryPrimitives.ReadUInt16LittleEndian(body), BinaryPrimitives.ReadUInt16LittleEndian(body[2..]), BinaryPrimitives.ReadUInt16LittleEndian(body[4..]), body[6], body[7]));
        Assert.Equal((1, 0, 0), (BinaryPrimitives.ReadUInt16LittleEndian(other), other[6], other[7]));
        Assert.Equal((1L, 2L), (BinaryPrimitives.ReadInt64LittleEndian(other[8..]), BinaryPrimitives.ReadInt64LittleEndian(other[16..])));
        synced.Release();
        unsynced.Release();
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
