namespace AlphaPulse.Collector.Pipeline;

/// <summary>Where a book is in its synchronisation (values stored as ints for <see cref="Volatile"/> reads by /ready).</summary>
public enum BookState
{
    /// <summary>No valid state: waiting for the exchange's snapshot; nothing is published.</summary>
    Unsynchronised = 0,

    /// <summary>A snapshot loaded and buffered updates being replayed; published at the next commit.</summary>
    Loading = 1,

    /// <summary>Synchronised and publishing deltas.</summary>
    Live = 2,
}
