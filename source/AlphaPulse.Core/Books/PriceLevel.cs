using System.Runtime.InteropServices;

namespace AlphaPulse.Core.Books;

/// <summary>One price level: fixed-point price and size, in the instrument's scales (no floating point).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
public readonly record struct PriceLevel(long Price, long Size);

/// <summary>Which side of the book a level is on.</summary>
public enum BookSide : byte
{
    Bid = 0,
    Ask = 1,
}

/// <summary>What applying one level did to the book, so the publisher sends only real changes.</summary>
public enum LevelChange : byte
{
    /// <summary>The level already had this size (or a removal of an absent level): nothing to publish.</summary>
    None = 0,
    Inserted = 1,
    Updated = 2,
    Removed = 3,
}
