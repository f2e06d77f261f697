using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Binance.BinanceDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>Binance's "How to manage a local order book correctly", step by step and at its edges, read back from the ring.</summary>
public sealed class BinanceBookSyncTests
{
    [Fact]
    public void ShouldBufferUntilTheSnapshotThenApplyOnlyEventsAfterItsLastUpdateId()
    {
        using var harness = new SessionHarness("BNB-BTC");
        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(157, 160, bids: """[["0.0021","1"]]""", asks: "[]")));
        Assert.Equal(1, harness.Snapshots.Requests);
        Assert.Equal("BNBBTC", harness.Snapshots.Symbol(0));
        Assert.Equal(1000, harness.Snapshots.Limit(0));
        _ = harness.Send(Depth(161, 165, bids: """[["0.0024","10"]]""", asks: "[]"));
        _ = harness.Send(Depth(166, 170, bids: "[]", asks: """[["0.0026","0"],["0.0028","4"]]"""));
        Assert.False(harness.Publisher.IsLive(0));

        harness.Snapshots.Complete(0, SnapshotBody(163));

        Assert.True(harness.Publisher.IsLive(0));
        var book = harness.Publisher.Book(0);
        Assert.Equal(170, book.Sequence);
        // Event 157–160 is older than the snapshot (dropped): 0.0021 never appears; 161–165 straddles it and applies.
        Assert.Equal([new PriceLevel(P("0.0024"), P("10")), new(P("0.0023"), P("5")), new(P("0.0022"), P("7"))], RingBooks.Top(book, BookSide.Bid, 10));
        Assert.Equal([new PriceLevel(P("0.0027"), P("9")), new(P("0.0028"), P("4"))], RingBooks.Top(book, BookSide.Ask, 10));
        using var ring = harness.ReadRing();
        Assert.True(ring.IsValid(0));
        Assert.Equal(1, ring.Snapshots);
        Assert.Equal(RingBooks.Top(book, BookSide.Bid, 10), RingBooks.Top(ring.Book(0), BookSide.Bid, 10));
    }

    [Fact]
    public void ShouldFetchTheSnapshotAgainWhenItIsOlderThanTheFirstBufferedEvent()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(200, 205));

        harness.Snapshots.Complete(0, SnapshotBody(150));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(2, harness.Snapshots.Requests);
        Assert.Equal(1, harness.Counters.SnapshotsBehind);
        harness.Snapshots.Complete(1, SnapshotBody(203));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(205, harness.Publisher.Book(0).Sequence);
    }

    [Fact]
    public void ShouldDropEventsTheBookAlreadyHolds()
    {
        using var harness = Live(170);

        Assert.Equal(FrameOutcome.Duplicate, harness.Send(Depth(166, 170, bids: """[["0.0001","1"]]""")));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send(Depth(150, 160)));
        Assert.Equal(170, harness.Publisher.Book(0).Sequence);
        Assert.Equal(2, harness.Counters.Messages(FrameOutcome.Duplicate));
    }

    [Fact]
    public void ShouldApplyAnEventThatOverlapsTheBookId()
    {
        using var harness = Live(170);

        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(168, 172, bids: """[["0.0025","1"]]""", asks: "[]")));

        Assert.Equal(172, harness.Publisher.Book(0).Sequence);
        Assert.Equal(new PriceLevel(P("0.0025"), P("1")), harness.Publisher.Book(0).BestBid);
    }

    [Fact]
    public void ShouldResyncWhenSequenceGapDetected()
    {
        using var harness = Live(170);

        Assert.Equal(FrameOutcome.Gap, harness.Send(Depth(175, 180)));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
        Assert.Equal(2, harness.Snapshots.Requests);
        using (var ring = harness.ReadRing())
        {
            Assert.Equal(1, ring.Resets);
            Assert.False(ring.IsValid(0));
        }

        harness.Snapshots.Complete(1, SnapshotBody(178));
        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(180, harness.Publisher.Book(0).Sequence);
        using var healed = harness.ReadRing();
        Assert.True(healed.IsValid(0));
        Assert.Equal(2, healed.Snapshots);
    }

    [Fact]
    public void ShouldRestartWhenTheBufferedEventsThemselvesHaveAGap()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));
        _ = harness.Send(Depth(120, 130));

        harness.Snapshots.Complete(0, SnapshotBody(105));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Gap));
        _ = harness.Send(Depth(131, 140));
        Assert.Equal(2, harness.Snapshots.Requests);
        harness.Snapshots.Complete(1, SnapshotBody(135));
        Assert.True(harness.Publisher.IsLive(0));
    }

    [Fact]
    public void ShouldNeverPublishACrossedBook()
    {
        using var harness = Live(170);
        using var before = harness.ReadRing();
        var deltas = before.Deltas;

        // A bid above the best ask (0.0026) crosses the book: it must not reach the ring.
        Assert.Equal(FrameOutcome.Book, harness.Send(Depth(171, 171, bids: """[["0.0030","1"]]""", asks: "[]")));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Crossed));
        using var after = harness.ReadRing();
        Assert.Equal(deltas, after.Deltas);
        Assert.Equal(1, after.Resets);
        Assert.DoesNotContain(RingBooks.Top(after.Book(0), BookSide.Bid, 10), l => l.Price == P("0.0030"));
        _ = harness.Send(Depth(172, 172));
        Assert.Equal(2, harness.Snapshots.Requests);
    }

    [Fact]
    public void ShouldPublishOnlyTheLevelsThatChanged()
    {
        using var harness = Live(170);

        _ = harness.Send(Depth(171, 171, bids: """[["0.0023","5"],["0.0022","8"],["0.0010","0"]]""", asks: "[]"));

        using var ring = harness.ReadRing();
        Assert.Equal(1, ring.Deltas);
        Assert.Equal(new PriceLevel(P("0.0022"), P("8")), ring.Book(0).Level(BookSide.Bid, 1));
        Assert.True(harness.Counters.DeltaBytes > 0);
        Assert.Equal(RecordSizes.Book(1, harness.Ring.MaxLevelsPerRecord), harness.Counters.DeltaBytes);
    }

    [Fact]
    public void ShouldPublishTheAggressorSideSellWhenTheBuyerIsTheMaker()
    {
        using var harness = new SessionHarness("BNB-BTC");

        Assert.Equal(FrameOutcome.Trade, harness.Send(TradeFrame(12345, buyerIsMaker: true)));
        Assert.Equal(FrameOutcome.Trade, harness.Send(TradeFrame(12346, buyerIsMaker: false)));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send(TradeFrame(12346, buyerIsMaker: false)));

        using var ring = harness.ReadRing();
        Assert.Equal(2, ring.Trades.Count);
        Assert.Equal(TradeSide.Sell, ring.Trades[0].Side);
        Assert.Equal(TradeSide.Buy, ring.Trades[1].Side);
        Assert.Equal(P("0.001"), ring.Trades[0].Price);
        Assert.Equal(1672515782136L * 1_000_000, ring.Trades[0].ExchangeTime);
        Assert.Equal(12345UL, ring.Trades[0].TradeId);
    }

    [Fact]
    public void ShouldKeepTheBookWhenAFrameIsMalformed()
    {
        using var harness = Live(170);
        var best = harness.Publisher.Book(0).BestBid;

        Assert.Equal(FrameOutcome.Malformed, harness.Send("""{"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BNBBTC","U":171,"u":171,"b":[["0.0025","1"],["bad"""));
        Assert.Equal(FrameOutcome.Malformed, harness.Send(Depth(180, 171)));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(best, harness.Publisher.Book(0).BestBid);
        Assert.Equal(170, harness.Publisher.Book(0).Sequence);
        Assert.Equal(2, harness.Counters.Messages(FrameOutcome.Malformed));
    }

    [Fact]
    public void ShouldRetryASnapshotRequestThatFailed()
    {
        using var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(100, 110));

        harness.Snapshots.Fail(0);

        Assert.Equal(1, harness.Counters.SnapshotFailures);
        Assert.False(harness.Publisher.IsLive(0));
    }

    /// <summary>A harness whose BNB-BTC book is live at <paramref name="bookId"/> with the default snapshot levels.</summary>
    private static SessionHarness Live(long bookId)
    {
        var harness = new SessionHarness("BNB-BTC");
        _ = harness.Send(Depth(bookId, bookId, bids: "[]", asks: "[]"));
        harness.Snapshots.Complete(0, SnapshotBody(bookId));
        Assert.True(harness.Publisher.IsLive(0));
        return harness;
    }
}
