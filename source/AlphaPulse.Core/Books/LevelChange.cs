namespace AlphaPulse.Core.Books;

/// <summary>What applying one level did to the book, so the publisher sends only real changes.</summary>
public enum LevelChange : byte
{
    /// <summary>The level already had this size (or a removal of an absent level): nothing to publish.</summary>
    None = 0,
    Inserted = 1,
    Updated = 2,
    Removed = 3,
}
