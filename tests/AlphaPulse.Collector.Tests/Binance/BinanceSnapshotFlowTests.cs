using System.Globalization;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Binance.BinanceDocs;

namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>
/// Binance's local order book procedure around its REST snapshot: one request in flight, retries after failures,
/// a connection that ends first, a buffer that overflows, long replays, and the times and update ids the ring
/// records carry ("How to manage a local order book correctly", steps 3–7).
/// </summary>
public sealed class BinanceSnapshotFlowTests
{
    [Fact]
    public void ShouldAskForOneSnapshotWhileOneIsInFlight()
    {
        using var harness = new SessionHarness("BNB-BTC");

        _ = harness.Send(Depth(100, 110));
        _ = harness.Send(Depth(111, 120));
        _ = harness.Send(Depth(121, 130));

        Assert.Equal(1, harness.Snapshots.Requests);
        Assert.Equal(1, harness.Counters.SnapshotRequests);
    }

    [Fact]
    public void ShouldFetchAgainAfterAFailedOrMalformedSnapshotUntilOneLoads()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));

        // The first retry goes out at once; later ones after a backoff.
        harness.Snapshots.Fail(0);
        Assert.Equal(2, harness.Snapshots.Requests);
        harness.Snapshots.Complete(1, """{"lastUpdateId":105,"bids":[["bad"]],"asks":[]}""");
        WaitUntil(() => harness.Snapshots.Requests == 3, "the session must request a third snapshot after a backoff");
        harness.Snapshots.Complete(2, SnapshotBody(105));

        WaitUntil(() => harness.Publisher.IsLive(0), "the third snapshot must load");
        Assert.Equal(110, harness.Publisher.Book(0).Sequence);
        Assert.Equal(2, harness.Counters.SnapshotFailures);
        Assert.Equal(3, harness.Counters.SnapshotRequests);
    }

    [Fact]
    public void ShouldApplyNothingWhenTheSnapshotArrivesAfterTheConnectionEnded()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));

        harness.CloseConnection();
        harness.Snapshots.Complete(0, SnapshotBody(105));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.ReadRing().Snapshots);
        Assert.Equal(1, harness.Snapshots.Requests);
    }

    [Fact]
    public void ShouldStartOverFromTheNewestEventWhenTheBufferFillsBeforeTheSnapshot()
    {
        using var harness = new SessionHarness("BNB-BTC");
        for (var id = 1; id <= 6000; id++)
        {
            _ = harness.Send(Depth(id, id, bids: "[]", asks: "[]"));
        }
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.BufferOverflow));

        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(6001, 6001, bids: "[]", asks: "[]")));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.BufferOverflow));

        // Only the newest event is held now: a snapshot at it anchors the book (one at 6000 would be behind).
        harness.Snapshots.Complete(0, SnapshotBody(6000));
        Assert.False(harness.Publisher.IsLive(0));
        harness.Snapshots.Complete(1, SnapshotBody(6001));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(6001, harness.Publisher.Book(0).Sequence);
    }

    [Fact]
    public void ShouldReplayEveryBufferedEventWithAllItsLevels()
    {
        using var harness = new SessionHarness("BNB-BTC");
        const int Events = 70;
        const int LevelsPerEvent = 20;
        for (var e = 0; e < Events; e++)
        {
            var bids = string.Join(',', Enumerable.Range(0, LevelsPerEvent).Select(l => $"""["{Price(e, l)}","{e + 1}"]"""));
            _ = harness.Send(Depth(101 + e, 101 + e, bids: $"[{bids}]", asks: "[]"));
        }

        harness.Snapshots.Complete(0, SnapshotBody(101));

        // Event 101 is in the snapshot (dropped); the 69 after it each add 20 bids below the snapshot's two.
        var book = harness.Publisher.Book(0);
        Assert.Equal(100 + Events, book.Sequence);
        Assert.Equal(2 + ((Events - 1) * LevelsPerEvent), book.BidCount);
        Assert.Equal(new PriceLevel(P(Price(Events - 1, LevelsPerEvent - 1)), P(Events.ToString(CultureInfo.InvariantCulture))), book.Level(AlphaPulse.Core.Books.BookSide.Bid, 2));
        Assert.DoesNotContain(RingBooks.Top(book, AlphaPulse.Core.Books.BookSide.Bid, 2000), l => l.Price == P(Price(0, 0)));

        static string Price(int e, int l) => "0.0000" + (1000 + (e * LevelsPerEvent) + l).ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public void ShouldSkipARepeatedBufferedEventWhenReplaying()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110, bids: """[["0.0024","1"]]""", asks: "[]"));
        _ = harness.Send(Depth(100, 110, bids: """[["0.0024","1"]]""", asks: "[]"));
        _ = harness.Send(Depth(111, 115, bids: """[["0.0025","2"]]""", asks: "[]"));

        harness.Snapshots.Complete(0, SnapshotBody(105));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(115, harness.Publisher.Book(0).Sequence);
        Assert.Equal(new PriceLevel(P("0.0025"), P("2")), harness.Publisher.Book(0).BestBid);
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Gap));
    }

    [Fact]
    public void ShouldStampRecordsWithTheEventsTimeAndFinalUpdateId()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110, eventTime: 1_000));
        _ = harness.Send(Depth(111, 120, bids: """[["0.0021","3"]]""", asks: "[]", eventTime: 2_000));
        harness.Snapshots.Complete(0, SnapshotBody(105));

        _ = harness.Send(Depth(121, 125, bids: """[["0.0022","4"]]""", asks: "[]", eventTime: 3_000));

        using var ring = harness.ReadRing();
        Assert.Equal(
            [(RecordType.BookSnapshot, 2_000_000_000L, 120L), (RecordType.BookDelta, 3_000_000_000L, 125L)],
            ring.BookRecords.Select(r => (r.Type, r.ExchangeTime, r.ExchangeSequence)));
    }

    [Fact]
    public void ShouldTakeTheSnapshotAsTheBookWhenEveryBufferedEventIsInIt()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110, bids: """[["0.0021","9"]]""", asks: "[]"));

        harness.Snapshots.Complete(0, SnapshotBody(110));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(110, harness.Publisher.Book(0).Sequence);
        Assert.DoesNotContain(RingBooks.Top(harness.Publisher.Book(0), AlphaPulse.Core.Books.BookSide.Bid, 10), l => l.Price == P("0.0021"));
        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(111, 111)));
    }

    private static long P(string text) => SessionHarness.P(text);

    /// <summary>Retries after a backoff run on a timer thread; a generous bound for a hang, not a timing assertion.</summary>
    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            Thread.Sleep(5);
        }
    }
}
