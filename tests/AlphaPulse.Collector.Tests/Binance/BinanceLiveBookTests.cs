using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Binance.BinanceDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>
/// A Binance book once its snapshot is in and when the procedure starts over: consecutive events keep it live on
/// one snapshot, a crossed update restarts it from the next event, replays skip what the book already holds, and
/// nothing of a broken snapshot or of events before a gap survives into the next attempt
/// ("How to manage a local order book correctly", steps 3–7 and the update procedure).
/// </summary>
public sealed class BinanceLiveBookTests
{
    [Fact]
    public void ShouldStayLiveThroughConsecutiveEventsOnOneSnapshot()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));
        harness.Snapshots.Complete(0, SnapshotBody(105));

        for (var u = 111; u <= 115; u++)
        {
            Assert.Equal(FrameOutcome.Book, harness.Send(Depth(u, u, bids: $"""[["0.0021","{u - 110}"]]""", asks: "[]")));
        }

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(115, harness.Publisher.Book(0).Sequence);
        Assert.Equal((1, 1L, 0L), (harness.Snapshots.Requests, harness.Counters.SnapshotRequests, harness.Counters.SnapshotsBehind));
        using var ring = harness.ReadRing();
        Assert.Equal((1, 5, 0), (ring.Snapshots, ring.Deltas, ring.Resets));
        Assert.Equal(new PriceLevel(P("0.0021"), P("5")), ring.Book(0).Level(BookSide.Bid, 3));
    }

    [Fact]
    public void ShouldRestartFromTheNextEventWhenALiveUpdateCrossesTheBook()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));
        harness.Snapshots.Complete(0, SnapshotBody(105));

        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(111, 112, bids: """[["0.0030","1"]]""", asks: "[]")));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Crossed));
        // Nothing is buffered yet: the snapshot is asked for with the next event, which it must not be older than.
        Assert.Equal(1, harness.Snapshots.Requests);
        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(113, 114)));
        Assert.Equal(2, harness.Snapshots.Requests);
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Gap));

        harness.Snapshots.Complete(1, SnapshotBody(113));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(114, harness.Publisher.Book(0).Sequence);
        using var ring = harness.ReadRing();
        Assert.Equal((2, 1), (ring.Snapshots, ring.Resets));
        Assert.True(ring.IsValid(0));
    }

    [Fact]
    public void ShouldSkipABufferedEventOlderThanTheBookWhenReplaying()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110, bids: """[["0.0021","1"]]""", asks: "[]"));
        // An event the book already holds, delivered late: replaying it would remove a level the book has.
        _ = harness.Send(Depth(101, 108, bids: """[["0.0021","0"]]""", asks: "[]"));

        harness.Snapshots.Complete(0, SnapshotBody(105));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(110, harness.Publisher.Book(0).Sequence);
        Assert.Equal(new PriceLevel(P("0.0021"), P("1")), harness.Publisher.Book(0).Level(BookSide.Bid, 2));
    }

    [Fact]
    public void ShouldForgetTheEventsBeforeAGapInTheBufferWhenStartingOver()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));
        _ = harness.Send(Depth(120, 130));
        harness.Snapshots.Complete(0, SnapshotBody(105));
        Assert.False(harness.Publisher.IsLive(0));
        // Not a snapshot that was behind: the procedure starts over and asks again with the next event.
        Assert.Equal((1, 0L), (harness.Snapshots.Requests, harness.Counters.SnapshotsBehind));
        _ = harness.Send(Depth(131, 140));
        Assert.Equal(2, harness.Snapshots.Requests);

        // Only 131–140 is held now: a snapshot at 125 is older than it, though not older than the events before the gap.
        harness.Snapshots.Complete(1, SnapshotBody(125));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal((3, 1L), (harness.Snapshots.Requests, harness.Counters.SnapshotsBehind));
        harness.Snapshots.Complete(2, SnapshotBody(135));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(140, harness.Publisher.Book(0).Sequence);
    }

    [Fact]
    public void ShouldLoadNothingOfASnapshotThatFailedHalfWayWhenTheNextOneLoads()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110, bids: "[]", asks: "[]"));

        harness.Snapshots.Complete(0, """{"lastUpdateId":105,"bids":[["0.0019","4"],["bad"]],"asks":[]}""");
        harness.Snapshots.Complete(1, SnapshotBody(105));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal([new PriceLevel(P("0.0023"), P("5")), new PriceLevel(P("0.0022"), P("7"))], RingBooks.Top(harness.Publisher.Book(0), BookSide.Bid, 10));
        Assert.Equal(1, harness.Counters.SnapshotFailures);
    }

    [Theory]
    [InlineData("a negative lastUpdateId", """{"lastUpdateId":-5,"bids":[],"asks":[]}""")]
    [InlineData("no asks", """{"lastUpdateId":5,"bids":[]}""")]
    [InlineData("no lastUpdateId", """{"bids":[],"asks":[]}""")]
    [InlineData("a second document after the snapshot", """{"lastUpdateId":5,"bids":[],"asks":[]}{}""")]
    [InlineData("a body that is not an object", """[{"lastUpdateId":5,"bids":[],"asks":[]}]""")]
    public void ShouldRefuseASnapshotBodyBreakingARule(string rule, string body) =>
        Assert.False(BinanceSnapshotReader.TryRead(Encoding.UTF8.GetBytes(body), Scale, Scale, new LevelBatch(), out _), rule);

    [Fact]
    public void ShouldLetASessionBeDisposedMoreThanOnce()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));

        harness.Session.Dispose();
        harness.Session.Dispose();

        harness.Snapshots.Complete(0, SnapshotBody(105));
        Assert.False(harness.Publisher.IsLive(0));
    }

    [Fact]
    public void ShouldMapSymbolsOfUpToTwentyCharactersAndKeepAStreamPath()
    {
        var adapter = new BinanceAdapter(new FakeSnapshotSource());
        var instruments = new[] { new InstrumentBinding(0, new AlphaPulse.Collector.Configuration.SymbolName("BTC", "USDT"), "BTCUSDT") };

        Assert.True(adapter.TryMapSymbol(new AlphaPulse.Collector.Configuration.SymbolName("ABCDEFGHIJKLMNOP", "USDT"), out var twenty));
        Assert.Equal(20, twenty.Length);
        Assert.False(adapter.TryMapSymbol(new AlphaPulse.Collector.Configuration.SymbolName("ABCDEFGHIJKLMNOPQ", "USDT"), out _));
        Assert.Equal("wss://127.0.0.1:1/stream?streams=btcusdt@depth@100ms/btcusdt@trade", adapter.FeedUri(new Uri("wss://127.0.0.1:1/stream"), instruments).ToString());
        Assert.Throws<ArgumentNullException>(() => adapter.FeedUri(null!, instruments));
        Assert.Throws<ArgumentNullException>(() => adapter.FeedUri(new Uri("wss://127.0.0.1:1"), null!));
        Assert.Throws<ArgumentNullException>(() => adapter.CreateSession(null!));
    }
}
