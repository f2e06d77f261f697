using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>Who subscribes to what, without a hub or a socket: patterns, subscriptions and the streams' subscriber lists kept in step.</summary>
public sealed class SubscriptionRegistryTests : IDisposable
{
    private readonly MarketsFixture _markets = new();
    private readonly SubscriptionRegistry _registry = new(maxPatterns: 2);

    public void Dispose() => _markets.Dispose();

    [Fact]
    public void ShouldStartOneSubscriptionHoweverManyPatternsMatchAStream()
    {
        var client = MarketsFixture.Client();
        var stream = _markets.Btc.Trades;
        _registry.Add(client);

        var first = _registry.Attach(client, stream, out var startedFirst);
        var second = _registry.Attach(client, stream, out var startedSecond);

        Assert.True(startedFirst);
        Assert.False(startedSecond);
        Assert.Same(first, second);
        Assert.Equal(2, first.Patterns);
        Assert.Single(stream.Subscribers);
    }

    [Fact]
    public void ShouldEndASubscriptionWithTheLastPatternThatMatchesIt()
    {
        var client = MarketsFixture.Client();
        var stream = _markets.Btc.Trades;
        _registry.Add(client);
        _registry.Attach(client, stream, out _);
        _registry.Attach(client, stream, out _);

        _registry.Detach(client, stream);
        Assert.Single(stream.Subscribers);

        _registry.Detach(client, stream);
        Assert.Empty(stream.Subscribers);
        Assert.Null(_registry.Find(client, stream));
    }

    [Fact]
    public void ShouldEndEveryStreamSubscriptionWhenTheClientLeaves()
    {
        var client = MarketsFixture.Client();
        var other = MarketsFixture.Client();
        _registry.Add(client);
        _registry.Add(other);
        _registry.Attach(client, _markets.Btc.Trades, out _);
        _registry.Attach(client, _markets.Eth.Ticker, out _);
        _registry.Attach(other, _markets.Btc.Trades, out _);

        Assert.True(_registry.Remove(client));

        Assert.False(_registry.Contains(client));
        Assert.Same(other, Assert.Single(_markets.Btc.Trades.Subscribers).Client);
        Assert.Empty(_markets.Eth.Ticker.Subscribers);
        Assert.False(_registry.Remove(client));
    }

    [Fact]
    public void ShouldRefuseAPatternBeyondTheLimitButNeverOneAlreadyHeld()
    {
        var client = MarketsFixture.Client();
        _registry.Add(client);
        var trades = Pattern(StreamChannel.Trades, "binance", "*");
        var ticker = Pattern(StreamChannel.Ticker, "binance", "*");

        Assert.True(_registry.AddPattern(client, trades));
        Assert.True(_registry.AddPattern(client, ticker));

        Assert.True(_registry.IsFull(client, Pattern(StreamChannel.Trades, "*", "*")));
        Assert.False(_registry.IsFull(client, trades));
        Assert.False(_registry.AddPattern(client, trades));
        Assert.Equal(2, _registry.PatternCount(client));
        Assert.Throws<InvalidOperationException>(() => _registry.AddPattern(client, Pattern(StreamChannel.Trades, "*", "*")));
    }

    [Fact]
    public void ShouldCountTheClientsPatternsThatMatchANewStream()
    {
        var registry = new SubscriptionRegistry(maxPatterns: 10);
        var client = MarketsFixture.Client();
        registry.Add(client);
        registry.AddPattern(client, Pattern(StreamChannel.Trades, "binance", "*"));
        registry.AddPattern(client, Pattern(StreamChannel.Trades, "*", "BTCUSDT"));
        registry.AddPattern(client, Pattern(StreamChannel.Ticker, "*", "*"));
        registry.AddPattern(client, Pattern(StreamChannel.Trades, "kraken", "*"));

        Assert.Equal(2, registry.MatchingPatterns(client, _markets.Btc.Trades));
        Assert.Equal(1, registry.MatchingPatterns(client, _markets.Eth.Trades));
        Assert.Equal(0, registry.MatchingPatterns(client, _markets.Btc.View(10)!.Stream));
    }

    [Fact]
    public void ShouldCountEachStreamsSubscribersPerEncoding()
    {
        var json = MarketsFixture.Client(WireEncoding.Json);
        var binary = MarketsFixture.Client(WireEncoding.Binary);
        var stream = _markets.Btc.Trades;
        _registry.Add(json);
        _registry.Add(binary);

        _registry.Attach(json, stream, out _);
        _registry.Attach(binary, stream, out _);
        Assert.Equal((1, 1), (stream.JsonSubscribers, stream.BinarySubscribers));

        _registry.Remove(binary);
        Assert.Equal((1, 0), (stream.JsonSubscribers, stream.BinarySubscribers));
    }

    [Fact]
    public void ShouldAnnounceAStreamToAClientOnlyOnce()
    {
        var client = MarketsFixture.Client(WireEncoding.Binary);
        _registry.Add(client);

        Assert.True(_registry.Announce(client, _markets.Btc.Trades.Id));
        Assert.False(_registry.Announce(client, _markets.Btc.Trades.Id));
        Assert.True(_registry.Announce(client, _markets.Eth.Trades.Id));
    }

    [Fact]
    public void ShouldKeepTheOverBudgetEpisodeWithTheClientsSubscriptions()
    {
        var client = MarketsFixture.Client();
        _registry.Add(client);
        var subscription = _registry.Attach(client, _markets.Btc.Trades, out _);

        subscription.Owner.OverBudgetSinceMs = 1234;

        Assert.Equal(1234, _registry.Of(client)!.OverBudgetSinceMs);
        _registry.Remove(client);
        Assert.Null(_registry.Of(client));
    }

    private static SubscriptionPattern Pattern(StreamChannel channel, string exchange, string symbol) => new(channel, exchange, symbol, 0);
}
