using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>Golden tests: every Binance message shape from the documentation, parsed field by field.</summary>
public sealed class BinanceMessageTests
{
    private static readonly BinanceMessageReader Reader = new(
        new SymbolTable([new InstrumentBinding(0, new SymbolName("BNB", "BTC"), "BNBBTC")], static i => i.ExchangeSymbol), Scale, Scale);

    [Fact]
    public void ShouldParseTheDocumentedDiffDepthEvent()
    {
        var levels = new LevelBatch();
        var kind = Reader.Read(System.Text.Encoding.UTF8.GetBytes(BinanceDocs.DepthUpdate), levels, out var evt);

        Assert.Equal(BinanceFrameKind.DepthUpdate, kind);
        Assert.Equal(1672515782136, evt.EventTime);
        Assert.Equal(157, evt.FirstUpdateId);
        Assert.Equal(160, evt.FinalUpdateId);
        Assert.Equal([new PriceLevel(P("0.0024"), P("10"))], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("0.0026"), P("100"))], levels.Asks.ToArray());
    }

    [Fact]
    public void ShouldParseTheDocumentedTradeEvent()
    {
        var kind = Reader.Read(System.Text.Encoding.UTF8.GetBytes(BinanceDocs.Trade), new LevelBatch(), out var evt);

        Assert.Equal(BinanceFrameKind.Trade, kind);
        Assert.Equal(12345, evt.TradeId);
        Assert.Equal(P("0.001"), evt.Price);
        Assert.Equal(P("100"), evt.Quantity);
        Assert.Equal(1672515782136, evt.TradeTime);
        Assert.True(evt.BuyerIsMaker);
    }

    [Fact]
    public void ShouldParseTheCombinedStreamWrapperLikeTheRawEvent()
    {
        var levels = new LevelBatch();
        var kind = Reader.Read(System.Text.Encoding.UTF8.GetBytes(BinanceDocs.Combined("bnbbtc@depth@100ms", BinanceDocs.DepthUpdate)), levels, out var evt);

        Assert.Equal(BinanceFrameKind.DepthUpdate, kind);
        Assert.Equal(160, evt.FinalUpdateId);
        Assert.Equal(2, levels.Count);
    }

    [Fact]
    public void ShouldParseTheDocumentedRestSnapshot()
    {
        var levels = new LevelBatch();
        Assert.True(BinanceSnapshotReader.TryRead(System.Text.Encoding.UTF8.GetBytes(BinanceDocs.Snapshot), Scale, Scale, levels, out var lastUpdateId));

        Assert.Equal(1027024, lastUpdateId);
        Assert.Equal([new PriceLevel(P("4.00000000"), P("431.00000000"))], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("4.00000200"), P("12.00000000"))], levels.Asks.ToArray());
    }

    [Theory]
    [InlineData(BinanceDocs.SubscribeReply, nameof(BinanceFrameKind.Control))]
    [InlineData(BinanceDocs.Error, nameof(BinanceFrameKind.Error))]
    [InlineData("""{"e":"kline","E":1,"s":"BNBBTC"}""", nameof(BinanceFrameKind.Unknown))]
    [InlineData("""{"e":"trade","E":1,"s":"ETHBTC","t":1,"p":"1","q":"1","T":1,"m":false}""", nameof(BinanceFrameKind.Unknown))]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"b":[],"a":[]}""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["x","1"]],"a":[]}""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["1","-1"]],"a":[]}""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["1.000000001","1"]],"a":[]}""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"e":"trade","E":1,"s":"BNBBTC","t":1,"p":1.5,"q":"1","T":1,"m":"yes"}""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"stream":"bnbbtc@trade","data":{"e":"trade",""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""{"e":"trade"} trailing""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("""[1,2,3]""", nameof(BinanceFrameKind.Malformed))]
    [InlineData("", nameof(BinanceFrameKind.Malformed))]
    public void ShouldClassifyEveryOtherFrame(string json, string expected)
    {
        Assert.Equal(expected, Reader.Read(System.Text.Encoding.UTF8.GetBytes(json), new LevelBatch(), out _).ToString());
    }

    [Fact]
    public void ShouldAcceptTheOlderThirdLevelElementAndFieldsInAnyOrder()
    {
        var levels = new LevelBatch();
        var json = """{"b":[["0.00053691","1634.00000000",[]]],"a":[],"u":412373,"U":412371,"s":"BNBBTC","E":1507908736894,"e":"depthUpdate"}""";

        Assert.Equal(BinanceFrameKind.DepthUpdate, Reader.Read(System.Text.Encoding.UTF8.GetBytes(json), levels, out var evt));
        Assert.Equal(412371, evt.FirstUpdateId);
        Assert.Equal([new PriceLevel(P("0.00053691"), P("1634"))], levels.Bids.ToArray());
    }

    [Fact]
    public void ShouldReadEscapedDecimalTextExactly()
    {
        var levels = new LevelBatch();
        var json = """{"e":"depthUpdate","E":1,"s":"BNBBTC","U":1,"u":2,"b":[["\u0031.5","2"]],"a":[]}""";

        Assert.Equal(BinanceFrameKind.DepthUpdate, Reader.Read(System.Text.Encoding.UTF8.GetBytes(json), levels, out _));
        Assert.Equal(new PriceLevel(P("1.5"), P("2")), levels.Side(BookSide.Bid)[0]);
    }

    [Fact]
    public void ShouldCallAReplyWithAListResultControlAndAStreamWithoutAnEventTypeUnknown()
    {
        // The LIST_SUBSCRIPTIONS reply, and a bookTicker update (no "e"), which the collector never subscribes.
        Assert.Equal(BinanceFrameKind.Control, Reader.Read("""{"result":["bnbbtc@depth@100ms","bnbbtc@trade"],"id":3}"""u8, new LevelBatch(), out _));
        Assert.Equal(BinanceFrameKind.Unknown, Reader.Read("""{"stream":"bnbbtc@bookTicker","data":{"u":400900217,"s":"BNBBTC","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}"""u8, new LevelBatch(), out _));
        Assert.Equal(BinanceFrameKind.Malformed, Reader.Read("""{"e":"depthUpdate","E":1,"s":"BNBBTC","U":-157,"u":160,"b":[],"a":[]}"""u8, new LevelBatch(), out _));
    }
}
