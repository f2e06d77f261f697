using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Coinbase.CoinbaseDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>The Coinbase session against a real publisher and ring: subscription, book sync, taker sides, loss detection and resubscription.</summary>
public sealed class CoinbaseSessionTests
{
    [Fact]
    public void ShouldSubscribeLevel2BatchMatchesAndHeartbeatOnConnect()
    {
        using var harness = Coinbase();

        Assert.Equal("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2_batch","matches","heartbeat"]}""", harness.Sent.WaitFor(1)[0]);
    }

    [Fact]
    public void ShouldSignALevel2SubscriptionWhenCredentialsAreConfigured()
    {
        var credentials = CoinbaseCredentials.Read(name => name switch
        {
            "COINBASE_KEY" => "key-1",
            "COINBASE_SECRET" => Convert.ToBase64String("secret"u8.ToArray()),
            "COINBASE_PASSPHRASE" => "phrase",
            _ => null,
        })!;
        using var harness = new SessionHarness(new CoinbaseAdapter(credentials), 100, "BTC-USD");

        var subscribe = harness.Sent.WaitFor(1)[0];
        Assert.Contains("\"channels\":[\"level2\",\"matches\",\"heartbeat\"],\"signature\":\"", subscribe, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"key-1\",\"passphrase\":\"phrase\",\"timestamp\":\"", subscribe, StringComparison.Ordinal);
        Assert.Equal("CoinbaseCredentials(key=key-1, secret=***, passphrase=***)", credentials.ToString());
    }

    [Fact]
    public void ShouldFallBackToLevel2BatchWhenLevel2NeedsAuthentication()
    {
        var credentials = CoinbaseCredentials.Read(name => name.StartsWith("COINBASE_", StringComparison.Ordinal) ? "c2VjcmV0" : null);
        using var harness = new SessionHarness(new CoinbaseAdapter(credentials), 100, "BTC-USD");

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(Error));
        Assert.Contains("\"channels\":[\"level2_batch\",\"matches\",\"heartbeat\"]}", harness.Sent.WaitFor(2)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldLoadTheSnapshotApplyAbsoluteSizesAndRemoveOnZero()
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"],["99.00","2"]]""", """[["101.00","3"]]"""));
        _ = harness.Send(Update("""[["buy","100.00","0"],["sell","101.00","5"],["buy","98.50","7"]]"""));

        using var ring = harness.ReadRing();
        Assert.True(ring.IsValid(0));
        Assert.Equal([new PriceLevel(P("99"), P("2")), new PriceLevel(P("98.5"), P("7"))], RingBooks.Top(ring.Book(0), BookSide.Bid, 10));
        Assert.Equal([new PriceLevel(P("101"), P("5"))], RingBooks.Top(ring.Book(0), BookSide.Ask, 10));
    }

    [Fact]
    public void ShouldPublishTheTakersSideOppositeTheMakersSide()
    {
        using var harness = Coinbase();
        _ = harness.Send(MatchFrame(10, 50, makerSide: "sell"));
        _ = harness.Send(MatchFrame(11, 51, makerSide: "buy"));

        using var ring = harness.ReadRing();
        Assert.Equal([TradeSide.Buy, TradeSide.Sell], ring.Trades.Select(t => t.Side));
    }

    [Theory]
    [InlineData("skip", "a match's trade_id skipped")]
    [InlineData("sequence", "a match's sequence did not rise")]
    [InlineData("heartbeat", "the heartbeat's last_trade_id is ahead")]
    public void ShouldResetAndResubscribeWhenLossShows(string how, string what)
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));
        _ = harness.Send(MatchFrame(10, 50));
        var outcome = how switch
        {
            "skip" => harness.Send(MatchFrame(12, 52)),
            "sequence" => harness.Send(MatchFrame(11, 50)),
            _ => harness.Send(HeartbeatFrame(60, 11)),
        };

        Assert.Equal(FrameOutcome.Gap, outcome);
        Assert.False(harness.Publisher.IsLive(0), what);
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
        var sent = harness.Sent.WaitFor(3);
        Assert.StartsWith("""{"type":"unsubscribe","product_ids":["BTC-USD"]""", sent[1], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"subscribe","product_ids":["BTC-USD"]""", sent[2], StringComparison.Ordinal);

        // The new subscription's snapshot brings the book back.
        _ = harness.Send(Book("""[["100.00","2"]]""", """[["101.00","3"]]"""));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.ReadRing().Resets);
    }

    [Fact]
    public void ShouldDropARepeatedMatchAndIgnoreUpdatesBeforeTheSnapshot()
    {
        using var harness = Coinbase();

        Assert.Equal(FrameOutcome.Book, harness.Send(Update("""[["buy","100.00","1"]]""")));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(10, 50)));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send(MatchFrame(10, 50)));
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(60, 10)));
        Assert.Single(harness.ReadRing().Trades);
        Assert.False(harness.Publisher.IsLive(0));
    }

    private static SessionHarness Coinbase() => new(new CoinbaseAdapter(), 100, "BTC-USD");
}
