namespace AlphaPulse.Core.SharedMemory;

/// <summary>Where a new reader's cursor starts.</summary>
public enum StartPosition
{
    /// <summary>The next record published after opening.</summary>
    Newest,

    /// <summary>The oldest record still in the ring.</summary>
    Oldest,

    /// <summary>The first chunk of the latest snapshot still in the ring, else as <see cref="Newest"/>.</summary>
    LatestSnapshot,
}

/// <summary>How a reader starts and waits. Immutable once built.</summary>
public sealed class ReaderOptions
{
    public StartPosition Start { get; init; } = StartPosition.Newest;

    public IdleMode Idle { get; init; } = IdleMode.SpinThenYield;
}
