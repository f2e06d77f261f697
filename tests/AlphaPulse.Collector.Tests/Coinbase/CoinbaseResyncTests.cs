using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Coinbase.CoinbaseDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>
/// The Coinbase session around a resynchronisation: the <c>last_match</c> baseline, heartbeats whose sequence goes
/// back, what is (and is not) called loss while a product resubscribes, crossed books, and <c>error</c> messages
/// (Exchange WebSocket feed: "Heartbeat", "Matches", "Errors").
/// </summary>
public sealed class CoinbaseResyncTests
{
    [Fact]
    public void ShouldContinueFromTheLastMatchBaselineAndPublishIt()
    {
        using var harness = Coinbase();

        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(20, 100, type: "last_match")));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(21, 101)));
        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(23, 102)));

        Assert.Equal([20UL, 21UL, 23UL], harness.ReadRing().Trades.Select(t => t.TradeId));
    }

    [Fact]
    public void ShouldCallARepeatedLastMatchControlAndNeverMoveTheBaselineBack()
    {
        using var harness = Coinbase();
        _ = harness.Send(MatchFrame(20, 100));

        Assert.Equal(FrameOutcome.Control, harness.Send(MatchFrame(15, 90, type: "last_match")));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send(MatchFrame(20, 100)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(21, 101)));
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldResyncWhenAHeartbeatsSequenceGoesBack()
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));

        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(60, 0)));
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(60, 0)));
        Assert.Equal(FrameOutcome.Gap, harness.Send(HeartbeatFrame(59, 0)));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldAcceptAHeartbeatWhoseLastTradeIdIsTheLastMatch()
    {
        using var harness = Coinbase();
        _ = harness.Send(MatchFrame(10, 50));

        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(60, 10)));
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(61, 9)));
    }

    [Fact]
    public void ShouldNotCallAnythingLossWhileAProductResubscribesAndCheckAgainAfterItsSnapshot()
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));
        _ = harness.Send(MatchFrame(10, 50));
        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(12, 52)));

        // Until the new snapshot: the old heartbeat baseline is gone, matches restart, nothing is loss.
        Assert.Equal(FrameOutcome.Control, harness.Send(HeartbeatFrame(5, 40)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(30, 60)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(MatchFrame(32, 59)));
        Assert.Equal(FrameOutcome.Book, harness.Send(Book("""[["100.00","2"]]""", """[["101.00","3"]]""")));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));

        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(34, 61)));
        Assert.Equal(2, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldResetOnceAndResubscribeWhenAnUpdateCrossesTheBook()
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));

        Assert.Equal(FrameOutcome.Book, harness.Send(Update("""[["buy","102.00","1"]]""")));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal((1L, 0L), (harness.Counters.Resyncs(ResyncReason.Crossed), harness.Counters.Resyncs(ResyncReason.Gap)));
        var sent = harness.Sent.WaitFor(3);
        Assert.StartsWith("""{"type":"unsubscribe","product_ids":["BTC-USD"],"channels":["level2_batch",""", sent[1], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"subscribe","product_ids":["BTC-USD"]""", sent[2], StringComparison.Ordinal);
        using var ring = harness.ReadRing();
        Assert.Equal((1, 0, 1), (ring.Snapshots, ring.Deltas, ring.Resets));
    }

    [Fact]
    public void ShouldResubscribeWhenTheSnapshotIsCrossed()
    {
        using var harness = Coinbase();

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("""[["101.00","1"]]""", """[["100.00","3"]]""")));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Crossed));
        Assert.StartsWith("""{"type":"unsubscribe""", harness.Sent.WaitFor(3)[1], StringComparison.Ordinal);
        Assert.Equal(0, harness.ReadRing().Snapshots);
    }

    [Fact]
    public void ShouldPublishTheUpdatesTimeAndOnlyTheLevelsItChanged()
    {
        using var harness = Coinbase();
        _ = harness.Send(Book("""[["100.00","1"],["99.00","2"]]""", """[["101.00","3"]]"""));

        Assert.Equal(FrameOutcome.Book, harness.Send(Update("""[["buy","99.00","2"],["sell","101.00","4"]]""")));

        using var ring = harness.ReadRing();
        Assert.Equal(1, ring.Deltas);
        Assert.Equal([new PriceLevel(P("101"), P("4"))], RingBooks.Top(ring.Book(0), BookSide.Ask, 10));
        Assert.Equal(RecordSizes.Book(1, harness.Ring.MaxLevelsPerRecord), harness.Counters.DeltaBytes);
    }

    [Fact]
    public void ShouldResubscribeProductsNotYetLiveOnAnErrorAtMostOncePerInterval()
    {
        using var harness = new SessionHarness(new CoinbaseAdapter(), 100, "BTC-USD", "ETH-USD");
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));
        const string refused = """{"type":"error","message":"Failed to subscribe","reason":"ETH-USD is delisted"}""";

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(refused));
        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(refused));
        // A loss resubscribes at once: the second error's request, had there been one, would come first.
        _ = harness.Send(MatchFrame(10, 50));
        _ = harness.Send(MatchFrame(12, 52));

        var sent = harness.Sent.WaitFor(4);
        Assert.Equal("""{"type":"subscribe","product_ids":["ETH-USD"],"channels":["level2_batch","matches","heartbeat"]}""", sent[1]);
        Assert.StartsWith("""{"type":"unsubscribe","product_ids":["BTC-USD"]""", sent[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStayOnLevel2BatchWhenAnAuthenticationErrorComesWithoutCredentials()
    {
        using var harness = Coinbase();
        var session = (CoinbaseSession)harness.Session;

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(Error));

        Assert.Equal(CoinbaseRequests.Level2Batch, session.BookChannel);
        Assert.Equal("""{"type":"subscribe","product_ids":["BTC-USD"],"channels":["level2_batch","matches","heartbeat"]}""", harness.Sent.WaitFor(2)[1]);
    }

    [Fact]
    public void ShouldUseLevel2UntilRefusedAndThenUnsubscribeTheChannelInUse()
    {
        var credentials = CoinbaseCredentials.Read(name => name.StartsWith("COINBASE_", StringComparison.Ordinal) ? "c2VjcmV0" : null);
        using var harness = new SessionHarness(new CoinbaseAdapter(credentials), 100, "BTC-USD");
        var session = (CoinbaseSession)harness.Session;
        Assert.Equal(CoinbaseRequests.Level2, session.BookChannel);
        _ = harness.Send(Error);
        Assert.Equal(CoinbaseRequests.Level2Batch, session.BookChannel);
        _ = harness.Send(Book("""[["100.00","1"]]""", """[["101.00","3"]]"""));
        _ = harness.Send(MatchFrame(10, 50));

        Assert.Equal(FrameOutcome.Gap, harness.Send(MatchFrame(12, 52)));

        Assert.StartsWith("""{"type":"unsubscribe","product_ids":["BTC-USD"],"channels":["level2_batch",""", harness.Sent.WaitFor(3)[2], StringComparison.Ordinal);
    }

    private static SessionHarness Coinbase() => new(new CoinbaseAdapter(), 100, "BTC-USD");
}
