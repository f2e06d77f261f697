namespace AlphaPulse.Core.SharedMemory;

/// <summary>Where a new reader's cursor starts.</summary>
public enum StartPosition
{
    /// <summary>The next record published after opening.</summary>
    Newest,

    /// <summary>The oldest record still in the ring.</summary>
    Oldest,

    /// <summary>
    /// The oldest of the instruments' newest snapshots still in the ring, so that every instrument's
    /// book can be built; else as <see cref="Newest"/>.
    /// </summary>
    LatestSnapshot,
}

/// <summary>How a reader starts and waits. Immutable once built.</summary>
public sealed class ReaderOptions
{
    public StartPosition Start { get; init; } = StartPosition.Newest;

    public IdleMode Idle { get; init; } = IdleMode.SpinThenYield;

    /// <summary>Map every page of the ring at open rather than on the first read of each (see <see cref="RingOptions.Prefault"/>).</summary>
    public bool Prefault { get; init; }
}
