using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Tests.Support;
using static AlphaPulse.Collector.Tests.Coinbase.CoinbaseDocs;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>
/// What the Coinbase session calls loss and what it does not (Exchange WebSocket feed, "Heartbeat" and "Matches"):
/// loss before any snapshot, matches repeated after a resubscription, a stale <c>last_match</c>, heartbeats while a
/// product resubscribes, and errors that are not about authentication.
/// </summary>
public sealed class CoinbaseLossTests
{
    [Fact]
    public void ShouldCountAndResubscribeALossSeenBeforeAnySnapshot()
    {
        using var harness = Coinbase();
        _ = harness.Send(MatchFrame(10, 50));

        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(12, 52)));

        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
        var sent = harness.Sent.WaitFor(3);
        Assert.StartsWith("""{"type":"unsubscribe","product_ids":["BTC-USD"]""", sent[1], StringComparison.Ordinal);
        Assert.Equal(0, harness.ReadRing().Resets);
    }

    [Fact]
    public void ShouldNotPublishAMatchAgainWhenItIsRepeatedAfterAResubscription()
    {
        using var harness = ResubscribingAfterASkippedMatch();

        Assert.Equal(FrameOutcome.Duplicate, harness.Send(MatchFrame(12, 52)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(13, 53)));

        Assert.Equal([10UL, 12UL, 13UL], harness.ReadRing().Trades.Select(t => t.TradeId));
    }

    [Fact]
    public void ShouldKeepTheHighestMatchSequenceWhenAStaleLastMatchArrives()
    {
        using var harness = Coinbase();
        _ = harness.Send(MatchFrame(20, 100));
        Assert.Equal(FrameOutcome.Control, harness.Send(MatchFrame(15, 90, type: "last_match")));

        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(21, 99)));

        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldJudgeNoHeartbeatWhileAProductResubscribes()
    {
        using var harness = ResubscribingAfterASkippedMatch();

        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(70, 0)));
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(65, 0)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(30, 80)));
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(81, 40)));

        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldKeepLevel2OnAnErrorThatIsNotAboutAuthentication()
    {
        var credentials = CoinbaseCredentials.Read(name => name.StartsWith("COINBASE_", StringComparison.Ordinal) ? "c2VjcmV0" : null);
        using var harness = new SessionHarness(new CoinbaseAdapter(credentials), 100, "BTC-USD");

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send("""{"type":"error","message":"Failed to subscribe","reason":"ETH-USD is delisted"}"""));

        Assert.Equal(CoinbaseRequests.Level2, ((CoinbaseSession)harness.Session).BookChannel);
    }

    [Fact]
    public void ShouldRefuseMissingArguments()
    {
        var adapter = new CoinbaseAdapter();

        Assert.Throws<ArgumentNullException>(() => adapter.FeedUri(null!, []));
        Assert.Throws<ArgumentNullException>(() => adapter.CreateSession(null!));
    }

    private static SessionHarness Coinbase() => new(new CoinbaseAdapter(), 100, "BTC-USD");

    /// <summary>A live book, match 10, then match 12: trade 11 was lost, and the product resubscribes.</summary>
    private static SessionHarness ResubscribingAfterASkippedMatch()
    {
        var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));
        _ = harness.Send(MatchFrame(10, 50));
        _ = harness.Send(MatchFrame(12, 52));
        return harness;
    }
}
