using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>The book invariant every parser property test checks: a live book equals what the ring carries and is never crossed; a book that is not live is not valid in the ring.</summary>
internal static class VenueFuzz
{
    public static void AssertRingHoldsTheCollectorsBook(SessionHarness harness)
    {
        var book = harness.Publisher.Book(0);
        using var ring = harness.ReadRing();
        Assert.False(harness.Publisher.IsLive(0) && book.IsCrossed);
        Assert.Equal(harness.Publisher.IsLive(0), ring.IsValid(0));
        if (harness.Publisher.IsLive(0))
        {
            Assert.Equal(RingBooks.Top(book, BookSide.Bid, 5000), RingBooks.Top(ring.Book(0), BookSide.Bid, 5000));
            Assert.Equal(RingBooks.Top(book, BookSide.Ask, 5000), RingBooks.Top(ring.Book(0), BookSide.Ask, 5000));
        }
    }
}
