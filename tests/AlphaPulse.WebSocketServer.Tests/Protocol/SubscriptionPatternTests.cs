using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Protocol;

/// <summary>What a pattern matches and when two patterns are one subscription: exchanges ignoring case, symbols in any spelling docs/websocket-protocol.md allows.</summary>
public sealed class SubscriptionPatternTests
{
    [Theory]
    [InlineData("BTC-USDT", "BTCUSDT")]
    [InlineData("BTC-USDT", "btc/usdt")]
    [InlineData("BTC-USDT", "Btc_Usdt")]
    [InlineData("BTC/USD", "-BTC--USD/")]
    [InlineData("BTC-USD", "BTC-USD")]
    [InlineData("", "-/_")]
    public void ShouldTreatSpellingsDifferingInCaseOrSeparatorsAsOneSymbol(string one, string other)
    {
        Assert.True(SymbolNames.Comparer.Equals(one, other));
        Assert.True(SymbolNames.Comparer.Equals(other, one));
        Assert.Equal(SymbolNames.Comparer.GetHashCode(one), SymbolNames.Comparer.GetHashCode(other));
    }

    [Theory]
    [InlineData("BTC-USD", "BTC-USDT")]
    [InlineData("BTC-USDT", "BTC-USD")]
    [InlineData("BTC-USDT", "ETH-USDT")]
    [InlineData("BTC-USDT", "BTC.USDT")]
    [InlineData("BTCUSDT", "BTC USDT")]
    [InlineData("", "X")]
    public void ShouldTellDifferentSymbolsApart(string one, string other)
    {
        Assert.False(SymbolNames.Comparer.Equals(one, other));
        Assert.False(SymbolNames.Comparer.Equals(other, one));
    }

    [Fact]
    public void ShouldEquateNullOnlyWithNull()
    {
        Assert.True(SymbolNames.Comparer.Equals(null, null));
        Assert.False(SymbolNames.Comparer.Equals(null, "BTC"));
        Assert.False(SymbolNames.Comparer.Equals("BTC", null));
        Assert.Throws<ArgumentNullException>(() => SymbolNames.Comparer.GetHashCode(null!));
    }

    [Fact]
    public void ShouldFindAMarketUnderAnySpellingInADictionary()
    {
        var markets = new Dictionary<string, int>(SymbolNames.Comparer) { ["BTC-USDT"] = 1, ["ETH-USDT"] = 2 };

        Assert.Equal(1, markets["btcusdt"]);
        Assert.Equal(2, markets["ETH/USDT"]);
        Assert.False(markets.ContainsKey("BTC-USD"));
    }

    [Theory]
    [InlineData("*", "binance", true)]
    [InlineData("binance", "binance", true)]
    [InlineData("BINANCE", "binance", true)]
    [InlineData("binance", "kraken", false)]
    [InlineData("binanc", "binance", false)]
    public void ShouldMatchAnExchangeByNameIgnoringCaseOrByTheWildcard(string exchange, string name, bool matches)
    {
        var pattern = new SubscriptionPattern(StreamChannel.Trades, exchange, "*", 0);

        Assert.Equal(matches, pattern.MatchesExchange(name));
        Assert.Equal(matches, pattern.Matches(name, "BTC-USDT"));
    }

    [Theory]
    [InlineData(StreamChannel.Trades, "*", "ETH-USDT", true)]
    [InlineData(StreamChannel.Trades, "BTCUSDT", "BTC-USDT", true)]
    [InlineData(StreamChannel.Trades, "BTCUSDT", "ETH-USDT", false)]
    [InlineData(StreamChannel.Book, "btc/usdt", "BTC-USDT", true)]
    [InlineData(StreamChannel.Ticker, "ETH-USDT", "BTC-USDT", false)]
    [InlineData(StreamChannel.Stats, "ETH-USDT", "BTC-USDT", true)]
    public void ShouldMatchASymbolInAnySpellingExceptForStatsWhichIgnoreIt(StreamChannel channel, string symbol, string name, bool matches)
    {
        var pattern = new SubscriptionPattern(channel, "binance", symbol, 0);

        Assert.Equal(matches, pattern.Matches("binance", name));
        Assert.False(pattern.Matches("kraken", name));
    }

    [Fact]
    public void ShouldBeOneSubscriptionUnderAnySpellingOfExchangeAndSymbol()
    {
        var subscribed = new SubscriptionPattern(StreamChannel.Book, "binance", "BTC-USDT", 10);
        var unsubscribed = new SubscriptionPattern(StreamChannel.Book, "Binance", "btcusdt", 10);

        Assert.Equal(subscribed, unsubscribed);
        Assert.Equal(subscribed.GetHashCode(), unsubscribed.GetHashCode());
        Assert.Single(new HashSet<SubscriptionPattern> { subscribed, unsubscribed });
    }

    [Fact]
    public void ShouldBeDifferentSubscriptionsWhenAnyFieldDiffers()
    {
        var pattern = new SubscriptionPattern(StreamChannel.Book, "binance", "BTC-USDT", 10);

        Assert.NotEqual(pattern, pattern with { Channel = StreamChannel.Trades });
        Assert.NotEqual(pattern, pattern with { Exchange = "kraken" });
        Assert.NotEqual(pattern, pattern with { Exchange = "*" });
        Assert.NotEqual(pattern, pattern with { Symbol = "BTC-USD" });
        Assert.NotEqual(pattern, pattern with { Depth = 25 });
        Assert.False(pattern.Equals(null));
        Assert.Equal(4, new HashSet<SubscriptionPattern> { pattern, pattern with { Channel = StreamChannel.Trades }, pattern with { Symbol = "BTC-USD" }, pattern with { Depth = 25 } }.Count);
    }

    [Theory]
    [InlineData(StreamChannel.Trades, "trades")]
    [InlineData(StreamChannel.Book, "book")]
    [InlineData(StreamChannel.Ticker, "ticker")]
    [InlineData(StreamChannel.Stats, "stats")]
    public void ShouldNameEachChannelAsClientsSubscribeToIt(StreamChannel channel, string name)
    {
        Assert.Equal(name, ProtocolNames.Of(channel));
        Assert.True(ProtocolNames.TryParseChannel(name, out var parsed));
        Assert.Equal(channel, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("candles")]
    [InlineData("TRADES")]
    public void ShouldNotParseAnUnknownChannel(string? name)
    {
        Assert.False(ProtocolNames.TryParseChannel(name, out _));
    }
}
