namespace AlphaPulse.Core.Books;

/// <summary>Which side of the book a level is on.</summary>
public enum BookSide : byte
{
    Bid = 0,
    Ask = 1,
}
