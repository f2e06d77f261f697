using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>
/// Each rule the Kraken v2 reader holds a frame to, one broken at a time: a frame that breaks one is malformed and
/// leaves nothing behind (no levels, no trades); one that keeps them all parses, whatever its field order or extras.
/// </summary>
public sealed class KrakenFrameRulesTests
{
    private const string Entry = """{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}""";

    private readonly KrakenMessageReader _reader = new(
        new SymbolTable([new InstrumentBinding(0, new SymbolName("MATIC", "USD"), "MATIC/USD")], static i => i.ExchangeSymbol), Scale, Scale);

    [Theory]
    [InlineData("two book entries in one message", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1},{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1}]}""")]
    [InlineData("a book entry without levels", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","checksum":1}]}""")]
    [InlineData("a book message that is neither snapshot nor update", """{"channel":"book","type":"delta","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1}]}""")]
    [InlineData("a book message without a type", """{"channel":"book","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1}]}""")]
    [InlineData("a checksum above 32 bits", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":4294967296}]}""")]
    [InlineData("a checksum as text", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":"1"}]}""")]
    [InlineData("levels that are not an array", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":{},"asks":[],"checksum":1}]}""")]
    [InlineData("a level that is not an object", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[[0.5,1]],"asks":[],"checksum":1}]}""")]
    [InlineData("a level without a price", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[{"qty":1}],"checksum":1}]}""")]
    [InlineData("a level with a negative quantity", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[{"price":0.5,"qty":-1}],"checksum":1}]}""")]
    [InlineData("a book timestamp that is not RFC 3339", """{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":1,"timestamp":"yesterday"}]}""")]
    [InlineData("a trade message carrying levels", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[]}]}""")]
    [InlineData("a trade without a timestamp", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"trade_id":7}]}""")]
    [InlineData("a trade without a side", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","price":0.5117,"qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade without a symbol", """{"channel":"trade","type":"update","data":[{"side":"sell","price":0.5117,"qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade without a price", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade side that is neither buy nor sell", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"hold","price":0.5117,"qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade of quantity zero", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade id of zero", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"trade_id":0,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a trade id as text", """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"trade_id":"7","timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a symbol that is not text", """{"channel":"trade","type":"update","data":[{"symbol":7,"side":"sell","price":0.5117,"qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""")]
    [InlineData("a good trade, then a broken one", """{"channel":"trade","type":"update","data":[""" + Entry + """,{"symbol":"MATIC/USD","trade_id":8}]}""")]
    [InlineData("data that is not an array", """{"channel":"trade","type":"update","data":{}}""")]
    [InlineData("a data entry that is not an object", """{"channel":"trade","type":"update","data":[""" + Entry + """,7]}""")]
    [InlineData("text after the frame", """{"channel":"heartbeat"} {}""")]
    [InlineData("a frame that is not an object", """["channel","heartbeat"]""")]
    [InlineData("a frame cut short", """{"channel":"heartbeat\""")]
    [InlineData("a frame nested deeper than any message", """{"channel":"status","data":[{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}]}""")]
    [InlineData("an empty frame", "")]
    public void ShouldCallAFrameBreakingARuleMalformed(string rule, string frame) =>
        Assert.True(KrakenMessageKind.Malformed == _reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out _), rule);

    [Fact]
    public void ShouldPublishNothingOfAMalformedMessageNotEvenItsGoodParts()
    {
        using var harness = new SessionHarness(new KrakenAdapter(), 10, "MATIC-USD");
        (string, string)[] bids = [("0.5666", "1")];
        (string, string)[] asks = [("0.5668", "2")];
        _ = harness.Send(KrakenDocs.Book("snapshot", bids, asks, (asks, bids)));
        var best = harness.Publisher.Book(0).BestBid;

        Assert.Equal(FrameOutcome.Malformed, harness.Send("""{"channel":"trade","type":"update","data":[""" + Entry + """,{"symbol":"MATIC/USD","trade_id":8}]}"""));
        Assert.Equal(FrameOutcome.Malformed, harness.Send("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5667,"qty":1}],"asks":[{"price":0.5}],"checksum":1}]}"""));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(best, harness.Publisher.Book(0).BestBid);
        Assert.Equal(2, harness.Counters.Messages(FrameOutcome.Malformed));
        using var ring = harness.ReadRing();
        Assert.Empty(ring.Trades);
        Assert.Equal((1, 0), (ring.Snapshots, ring.Deltas));
    }

    [Fact]
    public void ShouldForgetTheLastMessagesLevelsAndTradesOnTheNextFrame()
    {
        var levels = new LevelBatch();
        Assert.Equal(KrakenMessageKind.Trades, _reader.Read(Encoding.UTF8.GetBytes(KrakenDocs.Trade), levels, out _));
        Assert.Equal(KrakenMessageKind.BookSnapshot, _reader.Read(Encoding.UTF8.GetBytes(KrakenDocs.BookSnapshot), levels, out _));

        Assert.Equal(KrakenMessageKind.Heartbeat, _reader.Read(Encoding.UTF8.GetBytes(KrakenDocs.Heartbeat), levels, out _));

        Assert.Equal(0, levels.Count);
        Assert.Empty(_reader.Trades.ToArray());
    }

    [Fact]
    public void ShouldReadFieldsInAnyOrderAndSkipOnesItDoesNotKnow()
    {
        var levels = new LevelBatch();
        const string frame = """{"data":[{"checksum":5,"extra":{"x":[1,2]},"asks":[{"qty":2,"note":{"a":[1]},"price":0.6}],"bids":[{"qty":1.5,"price":0.55}],"symbol":"MATIC/USD"}],"type":"update","channel":"book"}""";

        Assert.Equal(KrakenMessageKind.BookUpdate, _reader.Read(Encoding.UTF8.GetBytes(frame), levels, out var message));

        Assert.Equal((5u, (byte)2, (byte)1, (ushort)0), (message.Checksum, message.PriceDecimals, message.QuantityDecimals, message.InstrumentId));
        Assert.Equal([new PriceLevel(P("0.55"), P("1.5"))], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("0.6"), P("2"))], levels.Asks.ToArray());
    }

    [Fact]
    public void ShouldTakeAnEscapedFieldNameOrSymbolForOneItDoesNotKnow()
    {
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read("""{"\u0063hannel":"heartbeat"}"""u8, new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read("""{"channel":"book","type":"update","data":[{"symbol":"MATIC\/USD","bids":[],"asks":[],"checksum":1}]}"""u8, new LevelBatch(), out _));
    }

    [Fact]
    public void ShouldTellAnErrorResponseFromAnAcknowledgementAndNameItsSymbol()
    {
        Assert.Equal(KrakenMessageKind.Acknowledgement, _reader.Read("""{"method":"subscribe","success":true}"""u8, new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Error, _reader.Read("""{"method":"subscribe","success":true,"error":"late"}"""u8, new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Error, _reader.Read("""{"success":false,"method":"unsubscribe","symbol":"MATIC/USD"}"""u8, new LevelBatch(), out var error));
        Assert.True(error.KnownSymbol);
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read("""{"success":false,"error":"no method"}"""u8, new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read("""{"method":7,"success":false}"""u8, new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Error, _reader.Read("""{"success":false,"method":"subscribe","symbol":"MATIC\/USD"}"""u8, new LevelBatch(), out var escaped));
        Assert.False(escaped.KnownSymbol);
    }

    [Fact]
    public void ShouldTakeTheLastValueOfAFieldATradeRepeats()
    {
        const string frame = """{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"buy","price":0.5,"qty":1,"trade_id":6,"timestamp":"2023-09-25T07:49:37Z","side":"sell","price":0.5117,"qty":40.0,"trade_id":7,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""";

        Assert.Equal(KrakenMessageKind.Trades, _reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out _));

        var trade = Assert.Single(_reader.Trades.ToArray());
        Assert.Equal((7L, P("0.5117"), P("40"), false, 1_695_628_177_708_706_000L), (trade.TradeId, trade.Price, trade.Quantity, trade.TakerBought, trade.Time));
    }

    [Fact]
    public void ShouldNoteTheMostFractionDigitsOfEachKindOfNumber()
    {
        const string frame = """{"channel":"book","type":"snapshot","data":[{"symbol":"MATIC/USD","bids":[{"price":5,"qty":1.25},{"price":4.5,"qty":3}],"asks":[{"price":6.125,"qty":7}],"checksum":1}]}""";

        Assert.Equal(KrakenMessageKind.BookSnapshot, _reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out var message));

        Assert.Equal(((byte)3, (byte)2), (message.PriceDecimals, message.QuantityDecimals));
    }
}
