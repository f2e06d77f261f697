using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>An exchange's markets mapped from a real ring's instrument table, and each market's flags moved only by their events.</summary>
public sealed class ExchangeStateTests : IDisposable
{
    private readonly MarketsFixture _markets = new();

    public void Dispose() => _markets.Dispose();

    [Fact]
    public void ShouldMapTheFeedsInstrumentsToMarketsByIdAndByAnySymbolSpelling()
    {
        var exchange = _markets.Exchange;

        Assert.Equal("BTC-USDT", exchange.Lookup(0)!.Symbol);
        Assert.Equal("ETH-USDT", exchange.Lookup(1)!.Symbol);
        Assert.Null(exchange.Lookup(2));
        Assert.Null(exchange.Lookup(-1));
        Assert.True(exchange.Lists("BTCUSDT"));
        Assert.True(exchange.Lists("btc/usdt"));
        Assert.False(exchange.Lists("SOL-USDT"));
        Assert.Equal(2, exchange.MarketCount);
    }

    [Fact]
    public void ShouldRemapOnlyWhenTheFeedDeclaresANewInstrumentList()
    {
        var created = new List<Market>();

        Assert.False(_markets.Exchange.RemapIfChanged(created));
        Assert.Empty(created);
    }

    [Fact]
    public void ShouldGiveEveryStreamOfTheExchangeItsOwnId()
    {
        var exchange = _markets.Exchange;
        var ids = exchange.Markets
            .SelectMany(market => market.Views.Select(view => view.Stream).Append(market.Trades).Append(market.Ticker))
            .Append(exchange.Stats)
            .Select(stream => stream.Id)
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ShouldListADirtyMarketOnceAndOnlyWhileItsBookIsComplete()
    {
        var exchange = _markets.Exchange;
        var market = _markets.Btc;
        market.OnReset();

        exchange.MarkDirty(market);
        Assert.Empty(exchange.Dirty);

        market.OnSnapshot();
        exchange.MarkDirty(market);
        exchange.MarkDirty(market);
        Assert.Same(market, Assert.Single(exchange.Dirty));
        Assert.True(market.Dirty);

        Assert.True(market.BeginPublish());
        Assert.False(market.Dirty);
        exchange.ClearDirty();
        Assert.Empty(exchange.Dirty);
    }

    [Fact]
    public void ShouldRefuseToPublishABookThatIsNotComplete()
    {
        var market = _markets.Btc;
        market.OnReset();

        Assert.False(market.BeginPublish());
    }

    [Fact]
    public void ShouldMoveTheTickerOnlyWhenTheTopOfTheBookChanges()
    {
        var market = _markets.Btc;
        var bid = new PriceLevel(100, 1);
        var ask = new PriceLevel(101, 2);

        Assert.True(market.MoveTicker(bid, ask));
        Assert.False(market.MoveTicker(bid, ask));
        Assert.True(market.MoveTicker(bid, ask with { Size = 3 }));
        Assert.Equal(ask with { Size = 3 }, market.TickerAsk);
    }

    [Fact]
    public void ShouldDescribeAStreamWithItsMarketsScales()
    {
        var description = _markets.Btc.View(10)!.Stream.Describe();
        var stats = _markets.Exchange.Stats.Describe();

        Assert.Equal(("BTC-USDT", (byte)2, (byte)4, 10), (description.Symbol.ToString(), description.PriceScale, description.SizeScale, description.Depth));
        Assert.Equal(("binance", (byte)0, 0), (stats.Exchange.ToString(), stats.PriceScale, stats.Depth));
    }
}
