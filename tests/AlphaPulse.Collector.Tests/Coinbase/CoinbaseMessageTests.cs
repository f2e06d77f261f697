using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Coinbase.CoinbaseDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>Golden tests: every Coinbase message type from the documentation, parsed field by field.</summary>
public sealed class CoinbaseMessageTests
{
    private static readonly CoinbaseMessageReader Reader = new(
        new SymbolTable([new InstrumentBinding(0, new SymbolName("BTC", "USD"), "BTC-USD")], static i => i.ExchangeSymbol), Scale, Scale);

    [Fact]
    public void ShouldParseTheDocumentedSnapshot()
    {
        var levels = new LevelBatch();

        Assert.Equal(CoinbaseMessageType.Snapshot, Reader.Read(Encoding.UTF8.GetBytes(Snapshot), levels, out _));
        Assert.Equal([new PriceLevel(P("10101.10"), P("0.45054140"))], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("10102.55"), P("0.57753524"))], levels.Asks.ToArray());
    }

    [Fact]
    public void ShouldParseTheDocumentedL2UpdateWithAbsoluteSizesInWireOrder()
    {
        var levels = new LevelBatch();

        Assert.Equal(CoinbaseMessageType.L2Update, Reader.Read(Encoding.UTF8.GetBytes(L2Update), levels, out var message));
        Assert.Equal([new PriceLevel(P("22356.27"), 0), new PriceLevel(P("22356.3"), P("1"))], levels.Bids.ToArray());
        Assert.Empty(levels.Asks.ToArray());
        Assert.Equal(DateTimeOffset.Parse("2022-08-04T15:25:05.010758Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), message.Time / 1_000_000);
        Assert.Equal(758_000, message.Time % 1_000_000_000 % 1_000_000);
    }

    [Fact]
    public void ShouldParseTheDocumentedMatchWithTheMakersSide()
    {
        Assert.Equal(CoinbaseMessageType.Match, Reader.Read(Encoding.UTF8.GetBytes(Match), new LevelBatch(), out var message));
        Assert.Equal((10L, 50L, P("400.23"), P("5.23512"), false), (message.TradeId, message.Sequence, message.Price, message.Size, message.MakerBought));
    }

    [Fact]
    public void ShouldParseTheDocumentedHeartbeatSubscriptionsAndError()
    {
        Assert.Equal(CoinbaseMessageType.Heartbeat, Reader.Read(Encoding.UTF8.GetBytes(Heartbeat), new LevelBatch(), out var heartbeat));
        Assert.Equal((90L, 20L), (heartbeat.Sequence, heartbeat.LastTradeId));
        Assert.Equal(CoinbaseMessageType.Subscriptions, Reader.Read(Encoding.UTF8.GetBytes(Subscriptions), new LevelBatch(), out _));
        Assert.Equal(CoinbaseMessageType.Error, Reader.Read(Encoding.UTF8.GetBytes(Error), new LevelBatch(), out _));
        Assert.True(CoinbaseMessageReader.IsAuthenticationError(Encoding.UTF8.GetBytes(Error)));
    }

    [Theory]
    [InlineData("""{"type":"match","trade_id":10,"product_id":"BTC-USD"}""")]
    [InlineData("""{"type":"l2update","product_id":"BTC-USD","changes":[["hold","1.00","1"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("""{"type":"l2update","product_id":"BTC-USD","changes":[["buy","1.00","-1"]],"time":"2022-08-04T15:25:05Z"}""")]
    [InlineData("""{"type":"heartbeat","sequence":"90","last_trade_id":20,"product_id":"BTC-USD"}""")]
    [InlineData("""{"type":"snapshot","product_id":"BTC-USD","bids":[["1e400","1"]],"asks":[]}""")]
    public void ShouldCallAKnownMessageWithABadFieldMalformed(string frame) =>
        Assert.Equal(CoinbaseMessageType.Malformed, Reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out _));

    [Fact]
    public void ShouldCallOtherProductsAndTypesUnknown()
    {
        Assert.Equal(CoinbaseMessageType.Unknown, Reader.Read(Encoding.UTF8.GetBytes(Heartbeat.Replace("BTC-USD", "ETH-EUR", StringComparison.Ordinal)), new LevelBatch(), out _));
        Assert.Equal(CoinbaseMessageType.Unknown, Reader.Read("""{"type":"ticker","product_id":"BTC-USD"}"""u8, new LevelBatch(), out _));
    }
}
