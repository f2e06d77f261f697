using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.Pipeline;

/// <summary>The books' state machine, the changes they record for deltas, and validation — without a ring.</summary>
public sealed class CollectorBooksTests
{
    private static LevelBatch Levels(params (BookSide Side, long Price, long Size)[] levels)
    {
        var batch = new LevelBatch();
        foreach (var (side, price, size) in levels)
        {
            batch.Add(side, price, size);
        }
        return batch;
    }

    [Fact]
    public void ShouldMoveFromUnsynchronisedThroughLoadingToLiveAndBackOnReset()
    {
        var books = new CollectorBooks(count: 2, depth: 10);

        Assert.Equal(BookState.Unsynchronised, books.State(1));
        books.Load(1, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence: 7, truncateDepth: 0);
        Assert.Equal(BookState.Loading, books.EndBatch(1));
        books.MarkLive(1);
        Assert.Equal((BookState.Live, 1, BookState.Unsynchronised), (books.State(1), books.LiveCount, books.State(0)));

        Assert.True(books.Reset(1));
        Assert.Equal((BookState.Unsynchronised, 0, 0L), (books.State(1), books.LiveCount, books[1].Sequence));
        Assert.True(books[1].IsEmpty);
        Assert.False(books.Reset(1));
    }

    [Fact]
    public void ShouldRecordOnlyTheLevelsALiveBookReallyChanged()
    {
        var books = LiveBook(out var id);

        books.Apply(id, Levels((BookSide.Bid, 100, 1), (BookSide.Bid, 99, 2), (BookSide.Ask, 101, 0)), sequence: 8, truncateDepth: 0);

        Assert.Equal(BookState.Live, books.EndBatch(id));
        var changes = books.TakeChanges();
        Assert.Equal([new PriceLevel(99, 2)], changes.Bids.ToArray());
        Assert.Equal([new PriceLevel(101, 0)], changes.Asks.ToArray());
        Assert.Equal(8, books[id].Sequence);
    }

    [Fact]
    public void ShouldRecordLevelsDroppedPastTheDepthAsRemovals()
    {
        var books = LiveBook(out var id);

        books.Apply(id, Levels((BookSide.Bid, 102, 1), (BookSide.Bid, 103, 1)), sequence: 8, truncateDepth: 2);
        _ = books.EndBatch(id);

        Assert.Equal([new PriceLevel(102, 1), new PriceLevel(103, 1), new PriceLevel(100, 0)], books.TakeChanges().Bids.ToArray());
        Assert.Equal(2, books[id].BidCount);
    }

    [Fact]
    public void ShouldTruncateALoadedSnapshotToTheDepth()
    {
        var books = new CollectorBooks(count: 1, depth: 10);

        books.Load(0, Levels((BookSide.Bid, 100, 1), (BookSide.Bid, 99, 1), (BookSide.Bid, 98, 1), (BookSide.Ask, 101, 1)), sequence: 1, truncateDepth: 2);

        Assert.Equal((2, 1), (books[0].BidCount, books[0].AskCount));
        Assert.Equal(new PriceLevel(99, 1), books[0].Level(BookSide.Bid, 1));
    }

    [Fact]
    public void ShouldCallACrossedBookInvalid()
    {
        var books = LiveBook(out var id);
        Assert.True(books.IsValid(id));

        books.Apply(id, Levels((BookSide.Bid, 101, 1)), sequence: 8, truncateDepth: 0);
        _ = books.EndBatch(id);

        Assert.False(books.IsValid(id));
    }

    [Fact]
    public void ShouldRefuseUpdatesToAnUnsynchronisedBookOrToASecondBookMidBatch()
    {
        var books = new CollectorBooks(count: 2, depth: 10);
        Assert.Throws<InvalidOperationException>(() => books.Apply(0, Levels(), 1, 0));

        books.Load(0, Levels((BookSide.Bid, 100, 1)), 1, 0);
        books.Load(1, Levels((BookSide.Bid, 100, 1)), 1, 0);
        books.Apply(0, Levels((BookSide.Bid, 99, 1)), 2, 0);

        var error = Assert.Throws<InvalidOperationException>(() => books.Apply(1, Levels((BookSide.Bid, 98, 1)), 2, 0));
        Assert.Contains("stagedBook=0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRecordNothingOfASnapshotForTheNextDelta()
    {
        const ushort id = 0, other = 1;
        var books = new CollectorBooks(count: 2, depth: 10);
        books.Load(id, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence: 7, truncateDepth: 0);
        _ = books.EndBatch(id);
        books.MarkLive(id);

        // A crossed snapshot of the other book is loaded, found invalid and reset without going live.
        books.Load(other, Levels((BookSide.Bid, 105, 1), (BookSide.Ask, 104, 1)), sequence: 1, truncateDepth: 0);
        Assert.Equal(BookState.Loading, books.EndBatch(other));
        Assert.False(books.IsValid(other));
        Assert.False(books.Reset(other));
        books.Apply(id, Levels((BookSide.Bid, 99, 2)), sequence: 8, truncateDepth: 0);
        _ = books.EndBatch(id);

        Assert.Equal([new PriceLevel(99, 2)], books.TakeChanges().Bids.ToArray());
        Assert.True(books.TakeChanges().Asks.IsEmpty);
    }

    [Fact]
    public void ShouldDropTheStagedChangesOfABookResetMidBatch()
    {
        var books = new CollectorBooks(count: 2, depth: 10);
        foreach (var id in new ushort[] { 0, 1 })
        {
            books.Load(id, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence: 7, truncateDepth: 0);
            _ = books.EndBatch(id);
            books.MarkLive(id);
        }

        // Book 0's update fails its checksum: it is reset before its batch ends, and book 1 may be updated next.
        books.Apply(0, Levels((BookSide.Bid, 99, 2)), sequence: 8, truncateDepth: 0);
        Assert.True(books.Reset(0));
        books.Apply(1, Levels((BookSide.Bid, 98, 3)), sequence: 8, truncateDepth: 0);
        Assert.Equal(BookState.Live, books.EndBatch(1));

        Assert.Equal([new PriceLevel(98, 3)], books.TakeChanges().Bids.ToArray());
    }

    [Fact]
    public void ShouldRefuseToEndABatchOfAnUnsynchronisedBookAndMissingArguments()
    {
        var books = new CollectorBooks(count: 1, depth: 10);

        Assert.Throws<InvalidOperationException>(() => books.EndBatch(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectorBooks(count: -1, depth: 10));
        Assert.Throws<ArgumentNullException>(() => books.Load(0, null!, 1, 0));
        books.Load(0, Levels((BookSide.Bid, 100, 1)), 1, 0);
        Assert.Throws<ArgumentNullException>(() => books.Apply(0, null!, 2, 0));
    }

    private static CollectorBooks LiveBook(out ushort id)
    {
        id = 0;
        var books = new CollectorBooks(count: 1, depth: 10);
        books.Load(id, Levels((BookSide.Bid, 100, 1), (BookSide.Ask, 101, 1)), sequence: 7, truncateDepth: 0);
        _ = books.EndBatch(id);
        books.MarkLive(id);
        return books;
    }
}
