using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Kraken.KrakenDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>
/// The Kraken session's paths back to a good book: updates before a snapshot, crossed books, error responses
/// (rate-limited resubscription of books not yet live), and the checksum's digits when messages write numbers
/// with different precision (Kraken's "Book checksum (WebSocket v2)" guide: the digits as sent, point removed).
/// </summary>
public sealed class KrakenResyncTests
{
    private static readonly (string, string)[] Bids = [("0.5666", "4831.75496356"), ("0.5665", "6658.22734739")];
    private static readonly (string, string)[] Asks = [("0.5668", "4410.79769741"), ("0.5669", "4655.40412487")];

    [Fact]
    public void ShouldIgnoreBookUpdatesUntilTheSnapshotArrives()
    {
        using var harness = Kraken();

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [("0.5667", "1.00000000")], [], ([], [("0.5667", "1.00000000")]))));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.Publisher.Book(0).BidCount);
        using var ring = harness.ReadRing();
        Assert.Equal((0, 0), (ring.Snapshots, ring.Deltas));
    }

    [Fact]
    public void ShouldResetAndResubscribeWhenAnUpdateWithAGoodChecksumCrossesTheBook()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        (string, string)[] crossed = [("0.5670", "1.00000000"), .. Bids];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [("0.5670", "1.00000000")], [], (Asks, crossed))));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Crossed));
        var sent = harness.Sent.WaitFor(4);
        Assert.StartsWith("""{"method":"unsubscribe","params":{"channel":"book","symbol":["MATIC/USD"]""", sent[2], StringComparison.Ordinal);
        Assert.StartsWith("""{"method":"subscribe","params":{"channel":"book","symbol":["MATIC/USD"]""", sent[3], StringComparison.Ordinal);
        using var ring = harness.ReadRing();
        Assert.Equal((1, 0, 1), (ring.Snapshots, ring.Deltas, ring.Resets));
    }

    [Fact]
    public void ShouldResubscribeWhenTheSnapshotItselfIsCrossed()
    {
        using var harness = Kraken();
        (string, string)[] asks = [("0.5660", "1.00000000")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("snapshot", Bids, asks, (asks, Bids))));

        Assert.False(harness.Publisher.IsLive(0));
        Assert.Equal(1, harness.Counters.Resyncs(ResyncReason.Crossed));
        Assert.StartsWith("""{"method":"unsubscribe""", harness.Sent.WaitFor(4)[2], StringComparison.Ordinal);
        Assert.Equal(0, harness.ReadRing().Snapshots);
    }

    [Fact]
    public void ShouldPublishEachChangedLevelOfAnUpdateAsADelta()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        (string, string)[] bids = [("0.5666", "1.00000000"), ("0.5665", "6658.22734739")];
        (string, string)[] asks = [("0.5669", "4655.40412487")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [("0.5666", "1.00000000")], [("0.5668", "0")], (asks, bids))));

        Assert.True(harness.Publisher.IsLive(0));
        using var ring = harness.ReadRing();
        Assert.Equal((1, 1), (ring.Snapshots, ring.Deltas));
        Assert.Equal([new PriceLevel(P("0.5666"), P("1")), new PriceLevel(P("0.5665"), P("6658.22734739"))], RingBooks.Top(ring.Book(0), BookSide.Bid, 10));
        Assert.Equal([new PriceLevel(P("0.5669"), P("4655.40412487"))], RingBooks.Top(ring.Book(0), BookSide.Ask, 10));
    }

    [Fact]
    public void ShouldChecksumAtTheMostDigitsTheBookHasSeenWhenAnUpdateWritesFewer()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        // Kraken writes numbers in full precision but JSON drops trailing zeros: 0.567 and 2.5 are 0.5670 and 2.50000000 in the book.
        (string, string)[] after = [.. Asks, ("0.5670", "2.50000000")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [], [("0.567", "2.5")], (after, Bids))));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Checksum));
    }

    [Fact]
    public void ShouldChecksumANewSnapshotAtItsOwnDigitsNotThePreviousBooks()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        (string, string)[] bids = [("0.5", "2.5")];
        (string, string)[] asks = [("0.6", "1.5")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("snapshot", bids, asks, (asks, bids))));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Checksum));
    }

    [Fact]
    public void ShouldChecksumNumbersWrittenWithMoreDigitsThanTheBooksScale()
    {
        using var harness = Kraken();
        // Ten quantity digits at a scale of 8: exact (trailing zeros), and the checksum covers all ten.
        (string, string)[] bids = [("0.5666", "1.0000000000")];
        (string, string)[] asks = [("0.5668", "2.0000000000")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("snapshot", bids, asks, (asks, bids))));

        Assert.True(harness.Publisher.IsLive(0));
    }

    [Fact]
    public void ShouldChecksumAtTheMoreDigitsAnUpdateWritesThanTheSnapshotDid()
    {
        using var harness = Kraken();
        (string, string)[] bids = [("0.5666", "2.5")];
        (string, string)[] asks = [("0.5668", "1.5")];
        _ = harness.Send(Book("snapshot", bids, asks, (asks, bids)));
        // The update's eight quantity digits show the book's precision: 2.5 and 1.5 are 2.50000000 and 1.50000000 in it.
        (string, string)[] after = [("0.5666", "2.50000000"), ("0.5665", "1.12345678")];

        Assert.Equal(FrameOutcome.Book, harness.Send(Book("update", [("0.5665", "1.12345678")], [], ([("0.5668", "1.50000000")], after))));

        Assert.True(harness.Publisher.IsLive(0));
        Assert.Equal(0, harness.Counters.Resyncs(ResyncReason.Checksum));
    }

    [Fact]
    public void ShouldResubscribeBooksNotYetLiveOnAnErrorResponseAtMostOncePerInterval()
    {
        using var harness = Kraken("MATIC-USD", "BTC-USD");
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(Error));
        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(Error));
        // A checksum mismatch resubscribes at once: the second error's request, had there been one, would come first.
        _ = harness.Send(Book("update", [("0.5667", "9.00000000")], [], (Asks, Bids), checksumOffset: 1));

        var sent = harness.Sent.WaitFor(5);
        Assert.Equal("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true},"req_id":4}""", sent[2]);
        Assert.StartsWith("""{"method":"unsubscribe","params":{"channel":"book","symbol":["MATIC/USD"]""", sent[3], StringComparison.Ordinal);
        Assert.Equal(5, sent.Count);
    }

    [Fact]
    public void ShouldResubscribeOnlyTheSymbolAnErrorNamesWhenItIsOneOfOurs()
    {
        using var harness = Kraken("MATIC-USD", "BTC-USD");

        _ = harness.Send(Error.Replace("MATIC/US\"", "BTC/USD\"", StringComparison.Ordinal));

        Assert.Equal("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10,"snapshot":true},"req_id":4}""", harness.Sent.WaitFor(3)[2]);
    }

    [Fact]
    public void ShouldSendNothingOnAnErrorWhenEveryBookIsLive()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));

        Assert.Equal(FrameOutcome.ExchangeError, harness.Send(Error));
        _ = harness.Send(Book("update", [], [], (Asks, Bids), checksumOffset: 1));

        Assert.StartsWith("""{"method":"unsubscribe""", harness.Sent.WaitFor(3)[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldKeepTheFirstConnectionIdOfAStatusAndTakeANewOne()
    {
        using var harness = Kraken();
        var session = (KrakenSession)harness.Session;

        Assert.Equal(FrameOutcome.Control, harness.Send(Status));
        Assert.Equal(12393906104898154338UL, session.ConnectionId);
        Assert.Equal(FrameOutcome.Control, harness.Send("""{"channel":"status","data":[{"api_version":"v2","system":"maintenance"}],"type":"update"}"""));
        Assert.Equal(12393906104898154338UL, session.ConnectionId);
        Assert.Equal(FrameOutcome.Control, harness.Send(Status.Replace("12393906104898154338", "7", StringComparison.Ordinal)));
        Assert.Equal(7UL, session.ConnectionId);
    }

    [Fact]
    public void ShouldPublishEveryNewTradeOfAMessageAndCallOnlyRepeatsDuplicate()
    {
        using var harness = Kraken();
        var many = string.Join(',', Enumerable.Range(1, 100).Select(id => Entry(id)));

        Assert.Equal(FrameOutcome.Trade, harness.Send($$"""{"channel":"trade","type":"snapshot","data":[{{many}}]}"""));
        Assert.Equal(FrameOutcome.Trade, harness.Send($$"""{"channel":"trade","type":"update","data":[{{Entry(100)}},{{Entry(101)}}]}"""));
        Assert.Equal(FrameOutcome.Duplicate, harness.Send($$"""{"channel":"trade","type":"update","data":[{{Entry(100)}},{{Entry(101)}}]}"""));
        Assert.Equal(FrameOutcome.Unknown, harness.Send(KrakenDocs.TradeFrame(102).Replace("MATIC/USD", "ETH/USD", StringComparison.Ordinal)));

        Assert.Equal(Enumerable.Range(1, 101).Select(id => (ulong)id), harness.ReadRing().Trades.Select(t => t.TradeId));

        static string Entry(int id) => $$"""{"symbol":"MATIC/USD","side":"buy","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":{{id}},"timestamp":"2023-09-25T07:49:37.708706Z"}""";
    }

    [Fact]
    public void ShouldPublishBookRecordsWithoutAnExchangeSequenceForKrakenHasNone()
    {
        using var harness = Kraken();
        _ = harness.Send(Book("snapshot", Bids, Asks, (Asks, Bids)));
        (string, string)[] bids = [("0.5667", "1.00000000"), .. Bids];
        _ = harness.Send(Book("update", [("0.5667", "1.00000000")], [], (Asks, bids)));

        using var ring = harness.ReadRing();
        Assert.Equal([(RecordType.BookSnapshot, 0L), (RecordType.BookDelta, 0L)], ring.BookRecords.Select(r => (r.Type, r.ExchangeSequence)));
    }

    [Fact]
    public void ShouldPingWithARequestIdAndRefuseMissingArguments()
    {
        var adapter = new KrakenAdapter();
        var feed = new Uri("ws://127.0.0.1:1/kraken/v2");

        Assert.Equal("""{"method":"ping","req_id":101}""", System.Text.Encoding.UTF8.GetString(KrakenRequests.Ping(101)));
        Assert.Same(feed, adapter.FeedUri(feed, []));
        Assert.Throws<ArgumentNullException>(() => adapter.FeedUri(null!, []));
        Assert.Throws<ArgumentNullException>(() => adapter.CreateSession(null!));
    }

    private static SessionHarness Kraken(params string[] symbols) => new(new KrakenAdapter(), 10, symbols.Length > 0 ? symbols : ["MATIC-USD"]);
}
