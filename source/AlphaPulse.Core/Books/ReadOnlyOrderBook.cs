using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Books;

/// <summary>
/// A read-only view of an <see cref="OrderBook"/>: what a reader of someone else's book may do (read
/// levels, copy the top) and nothing that changes it. A struct over the book, so reading through it costs
/// what reading the book costs. Threading: the book's own (single owner).
/// </summary>
public readonly struct ReadOnlyOrderBook(OrderBook book)
{
    /// <inheritdoc cref="OrderBook.Sequence"/>
    public long Sequence => book.Sequence;

    public int BidCount => book.BidCount;

    public int AskCount => book.AskCount;

    public bool IsEmpty => book.IsEmpty;

    /// <inheritdoc cref="OrderBook.IsCrossed"/>
    public bool IsCrossed => book.IsCrossed;

    public PriceLevel BestBid => book.BestBid;

    public PriceLevel BestAsk => book.BestAsk;

    public int Count(BookSide side) => book.Count(side);

    /// <inheritdoc cref="OrderBook.Level"/>
    public PriceLevel Level(BookSide side, int depth) => book.Level(side, depth);

    /// <inheritdoc cref="OrderBook.CopyTop"/>
    public int CopyTop(BookSide side, Span<PriceLevel> destination) => book.CopyTop(side, destination);
}
