using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Kraken.KrakenDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>The Kraken session against a real publisher and ring: checksum on every message, truncation to depth, resubscription on mismatch.</summary>
public sealed class KrakenSessionTests
{
    private static readonly (string, string)[] Bids = [("0.5666", "4831.75496356"), ("0.5665", "6658.22734739")];
    private static readonly (string, string)[] Asks = [("0.5668", "4410.79769741"), ("0.5669", "4655.40412487")];

    [Fact]
    public void ShouldSubscribeTheBookAtItsDepthAndTradesOnConnect()
    {
        using var harness = Kraken();

        var sent = harness.Sent.WaitFor(2);
        Assert.Equal("""{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10,"snapshot":true},"req_id":2}""", sent[0]);
        Assert.Equal("""{"method":"subscribe","params":{"channel":"trade","symbol":["MATIC/USD"],"snapshot":true},"req_id":3}""", sent[1]);
    }

    [Fact]
    public void ShouldMatchTheGuidesBtcUsdWorkedExampleOnTheCollectorsOwnBook()
    {
        // Kraken's "Book checksum (WebSocket v2)" guide: this top 10 has checksum 3310070434.
        (string, string)[] asks = [("45285.2", "0.00100000"), ("45286.4", "1.54571953"), ("45286.6", "1.54571109"), ("45289.6", "1.54560911"), ("45290.2", "0.15890660"), ("45291.8", "1.54553491"), ("45294.7", "0.04454749"), ("45296.1", "0.35380000"), ("45297.5", "0.09945542"), ("45299.5", "0.18772827")];
        (string, string)[] bids = [("45283.5", "0.10000000"), ("45283.4", "1.54582015"), ("45282.1", "0.10000000"), ("45281.0", "0.10000000"), ("45280.3", "1.54592586"), ("45279.0", "0.07990000"), ("45277.6", "0.03310103"), ("45277.5", "0.30000000"), ("45277.3", "1.54602737"), ("45276.6", "0.15445238")];
        using var harness = Kraken();
        var frame = Book("snapshot", bids, asks, (asks, bids));

        Assert.Contains("\"checksum\":3310070434", frame, StringComparison.Ordinal);
        Assert.Equal(FrameOutcome.Book, harness.Send(frame));
        Assert.True(harness.Publisher.IsLive(0));
    }

    [Fact]
    public void ShouldTruncateToTheDepthAfterEachMessageAndPublishTheDroppedLevelsAsRemovals()
    {
        var bids = Enumerable.Range(0, 10).Select(i => ($"0.56{50 - i}", "1.00000000")).ToArray();
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", bids, Asks, (Asks, bids)));
        (string, string)[] after = [("0.5651", "2.00000000"), .. bids[..9]];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [("0.5651", "2.00000000")], [], (Asks, after))));

        using var ring = harness.ReadRing();
        Assert.Equal(10, ring.Book(0).BidCount);
        Assert.Equal(new PriceLevel(P("0.5651"), P("2")), ring.Book(0).BestBid);
        Assert.Equal(new PriceLevel(P("0.5642"), P("1")), ring.Book(0).Level(BookSide.Bid, 9));
    }

    [Fact]
    public void ShouldResetCountUnsubscribeAndResubscribeOnAChecksumMismatchPublishingNothingOfIt()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        (string, string)[] after = [("0.5667", "9.00000000"), .. Bids];

        Assert.Equal(FrameOutcome.Gap, harness.Send(Book("update", [("0.5667", "9.00000000")], [], (Asks, after), checksumOffset: 1)));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Checksum));
        var sent = harness.Sent.WaitFor(4);
        Assert.Equal("""{"method":"unsubscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10},"req_id":4}""", sent[2]);
        Assert.Equal("""{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"],"depth":10,"snapshot":true},"req_id":5}""", sent[3]);
        using var ring = harness.ReadRing();
        Assert.False(ring.IsValid(0));
        Assert.Equal((1, 0, 1), (ring.Snapshots, ring.Deltas, ring.Resets));

        // The fresh subscription's snapshot brings it back.
        Assert.Equal(FrameOutcome.Book, harness.Send(Book("snapshot", after, Asks, (Asks, after))));
        Assert.True(harness.Publisher.IsLive(0));
    }

    [Fact]
    public void ShouldNeverPublishASnapshotWhoseChecksumFailed()
    {
        using var harness = Kraken();

        Assert.Equal(FrameOutcome.Gap, harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids), checksumOffset: 7)));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.ReadRing().Snapshots);
    }

    [Fact]
    public void ShouldPublishTradesWithTheTakersSideAndDropRepeats()
    {
        using var harness = Kraken();

        Assert.Equal(FrameOutcome.Trade, harness.Send(TradeFrame(7, "buy")));
        Assert.Equal(FrameOutcome.Trade, harness.Send(TradeFrame(8, "sell")));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send(TradeFrame(8, "sell")));
        Assert.Equal(FrameOutcome.Control, harness.Send(Heartbeat));
        Assert.Equal(FrameOutcome.Control, harness.Send(Status));

        Assert.Equal([TradeSide.Buy, TradeSide.Sell], harness.ReadRing().Trades.Select(t => t.Side));
    }

    private static SessionHarness Kraken() => new(new KrakenAdapter(), 10, "MATIC-USD");
}
