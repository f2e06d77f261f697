using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests.Books;

/// <summary>Book operations on empty and one-sided books, and copies and clears of both sides.</summary>
public sealed class OrderBookEdgeTests
{
    [Fact]
    public void ShouldAnswerEveryQueryOnAnEmptyBookWithoutLevels()
    {
        var book = new OrderBook(initialDepth: 1);

        Assert.True(book.IsEmpty);
        Assert.False(book.IsCrossed);
        Assert.Equal((default(PriceLevel), default(PriceLevel)), (book.BestBid, book.BestAsk));
        Assert.Equal((0, 0, 0, 0), (book.BidCount, book.AskCount, book.Count(BookSide.Bid), book.Count(BookSide.Ask)));
        Assert.Equal(0, book.CopyTop(BookSide.Bid, new PriceLevel[4]));
        Assert.True(book.LevelsBeyond(BookSide.Ask, 0).IsEmpty);
        Assert.Equal(0, book.TruncateTo(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(BookSide.Bid, 0));
    }

    [Theory]
    [InlineData(BookSide.Bid)]
    [InlineData(BookSide.Ask)]
    public void ShouldNeverCallAOneSidedBookCrossed(BookSide side)
    {
        var book = new OrderBook();
        book.Apply(side, 1_000_000, 1);
        book.Apply(side, 1, 1);

        Assert.False(book.IsEmpty);
        Assert.False(book.IsCrossed);
        var other = side == BookSide.Bid ? BookSide.Ask : BookSide.Bid;
        Assert.Equal((2, 0), (book.Count(side), book.Count(other)));
        Assert.Equal(default, side == BookSide.Bid ? book.BestAsk : book.BestBid);
        Assert.Equal(side == BookSide.Bid ? new PriceLevel(1_000_000, 1) : new PriceLevel(1, 1), side == BookSide.Bid ? book.BestBid : book.BestAsk);
    }

    [Fact]
    public void ShouldCallABookCrossedWhenTheBestBidEqualsTheBestAsk()
    {
        var book = new OrderBook();
        book.Apply(BookSide.Bid, 100, 1);
        book.Apply(BookSide.Ask, 100, 1);

        Assert.True(book.IsCrossed);
    }

    [Theory]
    [InlineData(BookSide.Bid)]
    [InlineData(BookSide.Ask)]
    public void ShouldBecomeEmptyWhenTheLastLevelOfTheOnlySideIsRemoved(BookSide side)
    {
        var book = new OrderBook();
        book.Apply(side, 100, 1);

        Assert.Equal(LevelChange.Removed, book.Apply(side, 100, 0));
        Assert.True(book.IsEmpty);
    }

    [Fact]
    public void ShouldClearBothSidesAndTheSequence()
    {
        var book = BookWith(bids: [99, 98], asks: [101, 102, 103]);
        book.Sequence = 42;

        book.Clear();

        Assert.Equal((0, 0, 0L, true), (book.BidCount, book.AskCount, book.Sequence, book.IsEmpty));
        book.Apply(BookSide.Ask, 105, 7);
        Assert.Equal([new PriceLevel(105, 7)], Top(book, BookSide.Ask));
    }

    [Fact]
    public void ShouldCopyBothSidesAndTheSequenceReplacingWhatTheBookHeld()
    {
        var source = BookWith(bids: [99, 98, 97, 96, 95], asks: [101, 102, 103]);
        source.Sequence = 7;
        var copy = BookWith(bids: [50], asks: [60, 61]);
        copy.Sequence = 3;

        copy.CopyFrom(source);

        Assert.Equal(Top(source, BookSide.Bid), Top(copy, BookSide.Bid));
        Assert.Equal(Top(source, BookSide.Ask), Top(copy, BookSide.Ask));
        Assert.Equal(7, copy.Sequence);

        // The copy owns its levels: changing the source afterwards leaves it as it was.
        source.Apply(BookSide.Bid, 99, 0);
        source.Apply(BookSide.Ask, 101, 9);
        Assert.Equal(new PriceLevel(99, 1), copy.BestBid);
        Assert.Equal(new PriceLevel(101, 1), copy.BestAsk);
    }

    [Fact]
    public void ShouldCopyAnEmptyBookAsEmpty()
    {
        var copy = BookWith(bids: [50], asks: [60]);
        copy.Sequence = 3;

        copy.CopyFrom(new OrderBook());

        Assert.Equal((true, 0L), (copy.IsEmpty, copy.Sequence));
    }

    [Fact]
    public void ShouldReadLevelsByDepthFromTheBestAndRefuseDepthsOutsideTheSide()
    {
        var book = BookWith(bids: [99, 97, 98], asks: [101]);

        Assert.Equal([99L, 98L, 97L], [book.Level(BookSide.Bid, 0).Price, book.Level(BookSide.Bid, 1).Price, book.Level(BookSide.Bid, 2).Price]);
        Assert.Equal(101, book.Level(BookSide.Ask, 0).Price);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(BookSide.Bid, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(BookSide.Bid, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(BookSide.Ask, 1));
    }

    [Fact]
    public void ShouldKeepABookNoDeeperThanTheTruncationDepth()
    {
        var book = BookWith(bids: [99, 98], asks: [101, 102]);

        Assert.Equal(0, book.TruncateTo(2));
        Assert.Equal((2, 2), (book.BidCount, book.AskCount));
        Assert.True(book.LevelsBeyond(BookSide.Bid, 2).IsEmpty);
        Assert.Equal(4, book.TruncateTo(0));
        Assert.True(book.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.TruncateTo(-1));
    }

    [Fact]
    public void ShouldCopyOnlyAsManyTopLevelsAsTheDestinationHolds()
    {
        var book = BookWith(bids: [99, 98, 97], asks: []);
        var top = new PriceLevel[2];

        Assert.Equal(2, book.CopyTop(BookSide.Bid, top));
        Assert.Equal([new PriceLevel(99, 1), new PriceLevel(98, 1)], top);
    }

    [Fact]
    public void ShouldRefuseToCopyNoBook() =>
        Assert.Throws<ArgumentNullException>(() => new OrderBook().CopyFrom(null!));

    [Fact]
    public void ShouldRefuseABookWithoutInitialDepth() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderBook(initialDepth: 0));

    private static OrderBook BookWith(long[] bids, long[] asks)
    {
        var book = new OrderBook(initialDepth: 1);
        foreach (var price in bids)
        {
            book.Apply(BookSide.Bid, price, 1);
        }

        foreach (var price in asks)
        {
            book.Apply(BookSide.Ask, price, 1);
        }

        return book;
    }

    private static PriceLevel[] Top(OrderBook book, BookSide side)
    {
        var levels = new PriceLevel[64];
        return levels[..book.CopyTop(side, levels)];
    }
}
