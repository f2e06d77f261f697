using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>What a subscription pattern names among the exchanges read: refusals that say what is known, and the streams matched.</summary>
public sealed class MarketDirectoryTests : IDisposable
{
    private readonly MarketsFixture _markets = new();
    private readonly MarketDirectory _directory = new();
    private readonly List<ExchangeState> _refreshed = [];

    public MarketDirectoryTests() => _directory.Add(_markets.Exchange);

    public void Dispose() => _markets.Dispose();

    [Fact]
    public void ShouldRefuseAnUnknownExchangeNamingTheKnownOnes()
    {
        var known = _directory.IsKnown(Pattern(StreamChannel.Trades, "kraken", "*"), _refreshed.Add, out var code, out var message);

        Assert.False(known);
        Assert.Equal(ErrorCode.UnknownExchange, code);
        Assert.Contains("exchange=kraken, known=binance", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefreshTheExchangeBeforeRefusingASymbolAndNameTheListedOnes()
    {
        var known = _directory.IsKnown(Pattern(StreamChannel.Trades, "binance", "SOL-USDT"), _refreshed.Add, out var code, out var message);

        Assert.False(known);
        Assert.Equal(ErrorCode.UnknownSymbol, code);
        Assert.Contains("listed=BTC-USDT,ETH-USDT", message, StringComparison.Ordinal);
        Assert.Same(_markets.Exchange, Assert.Single(_refreshed));
    }

    [Fact]
    public void ShouldNameEveryKnownExchangeCommaSeparated()
    {
        _directory.Add(_markets.ReadExchange("coinbase"));

        _directory.IsKnown(Pattern(StreamChannel.Trades, "kraken", "*"), _refreshed.Add, out _, out var message);

        Assert.Contains("known=binance,coinbase ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseASymbolOnlyAnotherExchangeListsSayingNoneIsListedYet()
    {
        var coinbase = _markets.ReadExchange("coinbase");
        _directory.Add(coinbase);

        var known = _directory.IsKnown(Pattern(StreamChannel.Trades, "coinbase", "BTC-USDT"), _refreshed.Add, out var code, out var message);

        Assert.False(known);
        Assert.Equal(ErrorCode.UnknownSymbol, code);
        Assert.Contains("listed=none yet ", message, StringComparison.Ordinal);
        Assert.Same(coinbase, Assert.Single(_refreshed));
    }

    [Theory]
    [InlineData("binance", "BTCUSDT")]
    [InlineData("BINANCE", "btc/usdt")]
    [InlineData("*", "ETH-USDT")]
    [InlineData("*", "*")]
    public void ShouldKnowListedSymbolsUnderAnySpellingAndWildcards(string exchange, string symbol)
    {
        Assert.True(_directory.IsKnown(Pattern(StreamChannel.Trades, exchange, symbol), _refreshed.Add, out var code, out var message));
        Assert.Empty(_refreshed);
        Assert.Equal(string.Empty, code);
        Assert.Equal(string.Empty, message);
    }

    [Fact]
    public void ShouldMatchNoStatsOfAnExchangeThePatternDoesNotName()
    {
        var matched = new List<MarketStream>();

        _directory.Match(Pattern(StreamChannel.Stats, "kraken", "*"), matched);

        Assert.Empty(matched);
    }

    [Fact]
    public void ShouldMatchTheStreamsOfThePatternsChannelAndDepth()
    {
        var matched = new List<MarketStream>();

        _directory.Match(Pattern(StreamChannel.Trades, "*", "*"), matched);
        Assert.Equal([_markets.Btc.Trades, _markets.Eth.Trades], matched.OrderBy(stream => stream.Id));

        _directory.Match(new SubscriptionPattern(StreamChannel.Book, "binance", "ETHUSDT", 10), matched);
        Assert.Same(_markets.Eth.View(10)!.Stream, Assert.Single(matched));

        _directory.Match(Pattern(StreamChannel.Stats, "*", "*"), matched);
        Assert.Same(_markets.Exchange.Stats, Assert.Single(matched));

        _directory.Match(Pattern(StreamChannel.Ticker, "kraken", "*"), matched);
        Assert.Empty(matched);
    }

    private static SubscriptionPattern Pattern(StreamChannel channel, string exchange, string symbol) => new(channel, exchange, symbol, 0);
}
