using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using CsCheck;

namespace AlphaPulse.Core.Tests.Books;

public sealed class OrderBookTests
{
    [Fact]
    public void ShouldKeepBidsDescendingAndAsksAscendingFromTheBest()
    {
        var book = new OrderBook(initialDepth: 2);
        book.Apply(BookSide.Bid, 100, 1);
        book.Apply(BookSide.Bid, 102, 2);
        book.Apply(BookSide.Bid, 101, 3);
        book.Apply(BookSide.Ask, 105, 4);
        book.Apply(BookSide.Ask, 103, 5);
        book.Apply(BookSide.Ask, 104, 6);

        Assert.Equal([new(102, 2), new(101, 3), new PriceLevel(100, 1)], Top(book, BookSide.Bid, 10));
        Assert.Equal([new(103, 5), new(104, 6), new PriceLevel(105, 4)], Top(book, BookSide.Ask, 10));
        Assert.Equal(new PriceLevel(102, 2), book.BestBid);
        Assert.Equal(new PriceLevel(103, 5), book.BestAsk);
    }

    [Fact]
    public void ShouldSayWhatEachUpdateChanged()
    {
        var book = new OrderBook();

        Assert.Equal(LevelChange.Inserted, book.Apply(BookSide.Bid, 100, 5));
        Assert.Equal(LevelChange.None, book.Apply(BookSide.Bid, 100, 5));
        Assert.Equal(LevelChange.Updated, book.Apply(BookSide.Bid, 100, 7));
        Assert.Equal(LevelChange.Removed, book.Apply(BookSide.Bid, 100, 0));
        Assert.Equal(LevelChange.None, book.Apply(BookSide.Bid, 100, 0));
        Assert.True(book.IsEmpty);
    }

    [Fact]
    public void ShouldDetectACrossedBook()
    {
        var book = new OrderBook();
        book.Apply(BookSide.Bid, 100, 1);
        book.Apply(BookSide.Ask, 101, 1);
        Assert.False(book.IsCrossed);

        book.Apply(BookSide.Bid, 101, 1);

        Assert.True(book.IsCrossed);
    }

    [Fact]
    public void ShouldTruncateToDepthAndShowWhatItDrops()
    {
        var book = new OrderBook();
        for (var price = 1; price <= 5; price++)
        {
            book.Apply(BookSide.Bid, price, price);
            book.Apply(BookSide.Ask, 10 + price, price);
        }

        Assert.Equal([new(1, 1), new PriceLevel(2, 2)], book.LevelsBeyond(BookSide.Bid, 3).ToArray());
        Assert.Equal([new(15, 5), new PriceLevel(14, 4)], book.LevelsBeyond(BookSide.Ask, 3).ToArray());
        Assert.Equal(4, book.TruncateTo(3));
        Assert.Equal([new(5, 5), new(4, 4), new PriceLevel(3, 3)], Top(book, BookSide.Bid, 10));
        Assert.Equal([new(11, 1), new(12, 2), new PriceLevel(13, 3)], Top(book, BookSide.Ask, 10));
    }

    [Fact]
    public void ShouldRejectANegativeSize() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderBook().Apply(BookSide.Ask, 1, -1));

    [Fact]
    public void ShouldMatchASortedDictionaryModelForAnySequenceOfUpdates()
    {
        var update = Gen.Select(Gen.Bool, Gen.Long[1, 200], Gen.Long[0, 3]);
        update.Array[0, 400].Sample(updates =>
        {
            var book = new OrderBook(initialDepth: 1);
            var bids = new SortedDictionary<long, long>(Comparer<long>.Create((a, b) => b.CompareTo(a)));
            var asks = new SortedDictionary<long, long>();
            foreach (var (isBid, price, size) in updates)
            {
                var model = isBid ? bids : asks;
                var expected = model.TryGetValue(price, out var old)
                    ? size == 0 ? LevelChange.Removed : old == size ? LevelChange.None : LevelChange.Updated
                    : size == 0 ? LevelChange.None : LevelChange.Inserted;
                if (size == 0)
                {
                    model.Remove(price);
                }
                else
                {
                    model[price] = size;
                }
                Assert.Equal(expected, book.Apply(isBid ? BookSide.Bid : BookSide.Ask, price, size));
            }
            Assert.Equal(bids.Select(pair => new PriceLevel(pair.Key, pair.Value)), Top(book, BookSide.Bid, 1000));
            Assert.Equal(asks.Select(pair => new PriceLevel(pair.Key, pair.Value)), Top(book, BookSide.Ask, 1000));
        });
    }

    private static PriceLevel[] Top(OrderBook book, BookSide side, int depth)
    {
        var levels = new PriceLevel[depth];
        return levels[..book.CopyTop(side, levels)];
    }
}
