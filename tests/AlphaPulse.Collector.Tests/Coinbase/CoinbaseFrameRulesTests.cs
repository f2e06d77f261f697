using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>
/// Each rule the Coinbase reader holds a frame to, one broken at a time (a required field missing or of the wrong
/// kind, a bad change, a bad pair, text after the frame); frames that keep them all parse in any field order.
/// </summary>
public sealed class CoinbaseFrameRulesTests
{
    private static readonly CoinbaseMessageReader Reader = new(
        new SymbolTable([new InstrumentBinding(0, new SymbolName("BTC", "USD"), "BTC-USD")], static i => i.ExchangeSymbol), Scale, Scale, simulatorUpdateIds: true);

    [Theory]
    [InlineData("a type that is not text", """{"type":7,"product_id":"BTC-USD"}""")]
    [InlineData("a product id that is not text", """{"type":"heartbeat","sequence":1,"last_trade_id":1,"product_id":7}""")]
    [InlineData("a heartbeat without a product", """{"type":"heartbeat","sequence":1,"last_trade_id":1}""")]
    [InlineData("a heartbeat without a sequence", """{"type":"heartbeat","last_trade_id":1,"product_id":"BTC-USD"}""")]
    [InlineData("a heartbeat without a last trade id", """{"type":"heartbeat","sequence":1,"product_id":"BTC-USD"}""")]
    [InlineData("a negative sequence", """{"type":"heartbeat","sequence":-1,"last_trade_id":1,"product_id":"BTC-USD"}""")]
    [InlineData("a fractional trade id", """{"type":"heartbeat","sequence":1,"last_trade_id":1.5,"product_id":"BTC-USD"}""")]
    [InlineData("a snapshot without asks", """{"type":"snapshot","product_id":"BTC-USD","bids":[["1.00","1"]]}""")]
    [InlineData("a snapshot without bids", """{"type":"snapshot","product_id":"BTC-USD","asks":[["1.00","1"]]}""")]
    [InlineData("a snapshot pair without a size", """{"type":"snapshot","product_id":"BTC-USD","bids":[["1.00"]],"asks":[]}""")]
    [InlineData("a snapshot pair that is not an array", """{"type":"snapshot","product_id":"BTC-USD","bids":["1.00"],"asks":[]}""")]
    [InlineData("a snapshot price of zero", """{"type":"snapshot","product_id":"BTC-USD","bids":[["0","1"]],"asks":[]}""")]
    [InlineData("an update without a time", """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00","1"]]}""")]
    [InlineData("an update without changes", """{"type":"l2update","product_id":"BTC-USD","time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("changes that are not an array", """{"type":"l2update","product_id":"BTC-USD","changes":{},"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a change that is not an array", """{"type":"l2update","product_id":"BTC-USD","changes":["buy"],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a change whose side is not text", """{"type":"l2update","product_id":"BTC-USD","changes":[[1,"1.00","1"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a change with a fourth element", """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00","1","x"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a change without a size", """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a change with a bad price", """{"type":"l2update","product_id":"BTC-USD","changes":[["sell","x","1"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("a time that is not RFC 3339", """{"type":"l2update","product_id":"BTC-USD","changes":[],"time":"2022-08-04 15:25:05"}""")]
    [InlineData("a match without a side", """{"type":"match","trade_id":10,"sequence":50,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1","price":"400.23"}""")]
    [InlineData("a match side that is neither buy nor sell", """{"type":"match","trade_id":10,"sequence":50,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1","price":"400.23","side":"hold"}""")]
    [InlineData("a match of size zero", """{"type":"match","trade_id":10,"sequence":50,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"0","price":"400.23","side":"buy"}""")]
    [InlineData("a match without a price", """{"type":"match","trade_id":10,"sequence":50,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1","side":"buy"}""")]
    [InlineData("a match without a time", """{"type":"match","trade_id":10,"sequence":50,"product_id":"BTC-USD","size":"1","price":"400.23","side":"buy"}""")]
    [InlineData("a last match without a sequence", """{"type":"last_match","trade_id":10,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1","price":"400.23","side":"buy"}""")]
    [InlineData("a simulator update id as text", """{"type":"l2update","product_id":"BTC-USD","changes":[],"time":"2022-08-04T15:25:05Z","sim_update_id":"1"}""")]
    [InlineData("a message without a type", """{"product_id":"BTC-USD"}""")]
    [InlineData("text after the frame", """{"type":"subscriptions","channels":[]}x""")]
    [InlineData("a frame that is not an object", "7")]
    [InlineData("an empty frame", "")]
    public void ShouldCallAFrameBreakingARuleMalformed(string rule, string frame) =>
        Assert.True(CoinbaseMessageType.Malformed == Reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out _), rule);

    [Fact]
    public void ShouldReadFieldsInAnyOrderSkippingEscapedAndUnknownOnes()
    {
        var levels = new LevelBatch();
        const string frame = """{"time":"2022-08-04T15:25:05Z","changes":[["sell","101.5","2"],["buy","99","0"]],"sim_update_id":42,"\u0074ype":"ticker","extra":[1,{"a":2}],"product_id":"BTC-USD","type":"l2update"}""";

        Assert.Equal(CoinbaseMessageType.L2Update, Reader.Read(Encoding.UTF8.GetBytes(frame), levels, out var message));

        Assert.Equal(42, message.SimulatorUpdateId);
        Assert.Equal([new PriceLevel(P("99"), 0)], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("101.5"), P("2"))], levels.Asks.ToArray());
    }

    [Fact]
    public void ShouldCallAnEscapedProductIdOneItDoesNotKnow() =>
        Assert.Equal(CoinbaseMessageType.Unknown, Reader.Read("""{"type":"heartbeat","sequence":1,"last_trade_id":1,"product_id":"BTC\u002DUSD"}"""u8, new LevelBatch(), out _));

    [Fact]
    public void ShouldCallSubscriptionsAndErrorsForAnyProductByTheirType()
    {
        Assert.Equal(CoinbaseMessageType.Subscriptions, Reader.Read("""{"type":"subscriptions","product_id":"ETH-EUR"}"""u8, new LevelBatch(), out _));
        Assert.Equal(CoinbaseMessageType.Error, Reader.Read("""{"type":"error","product_id":"ETH-EUR"}"""u8, new LevelBatch(), out _));
        Assert.Equal(CoinbaseMessageType.Unknown, Reader.Read("""{"type":"snapshot","product_id":"ETH-EUR","bids":[],"asks":[]}"""u8, new LevelBatch(), out _));
    }

    [Fact]
    public void ShouldReadTheMakersBuySideAndTheLastMatch()
    {
        const string frame = """{"type":"last_match","trade_id":9,"sequence":49,"time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1","price":"400.23","side":"buy"}""";

        Assert.Equal(CoinbaseMessageType.LastMatch, Reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out var message));

        Assert.Equal((9L, 49L, true), (message.TradeId, message.Sequence, message.MakerBought));
    }

    [Fact]
    public void ShouldIgnoreTheSimulatorsUpdateIdUnlessAskedForAndForgetTheLastFramesLevels()
    {
        var levels = new LevelBatch();
        var plain = new CoinbaseMessageReader(new SymbolTable([new InstrumentBinding(0, new SymbolName("BTC", "USD"), "BTC-USD")], static i => i.ExchangeSymbol), Scale, Scale);
        Assert.Equal(CoinbaseMessageType.Snapshot, plain.Read("""{"type":"snapshot","product_id":"BTC-USD","bids":[["1.00","1"]],"asks":[["2.00","1"]]}"""u8, levels, out _));

        // A real exchange never sends sim_update_id: without the seam the field is skipped, whatever it holds.
        Assert.Equal(CoinbaseMessageType.L2Update, plain.Read("""{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.50","3"]],"time":"2022-08-04T15:25:05Z","sim_update_id":"x"}"""u8, levels, out var message));

        Assert.Equal(0, message.SimulatorUpdateId);
        Assert.Equal([new PriceLevel(P("1.5"), P("3"))], levels.Bids.ToArray());
        Assert.True(levels.Asks.IsEmpty);
    }
}
