using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>How a <see cref="ReplicatedReader"/> finds and judges one exchange's replicas. Immutable.</summary>
public sealed record ReplicationOptions
{
    /// <summary>The exchange (<c>binance</c>): replicas are the rings <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> in <see cref="Directory"/>.</summary>
    public required string Exchange { get; init; }

    /// <summary>The ring directory (<c>SHARED_MEMORY_PATH</c>).</summary>
    public string Directory { get; init; } = SharedMemoryPath.DefaultDirectory;

    /// <summary>
    /// A replica whose writer published nothing for this long is stale: symbols it leads fail over. Collectors
    /// publish a heartbeat every second, so a few seconds tell a dead writer from a quiet market.
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the directory is scanned for replicas that appeared since (rare path; allocates).</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Idle strategy of <see cref="ReplicatedReader.Read"/> between empty polls.</summary>
    public IdleMode Idle { get; init; } = IdleMode.SpinThenYield;

    /// <summary>Monotonic nanoseconds; tests substitute a clock they move. Default <see cref="MonotonicClock.NowNanoseconds"/>.</summary>
    public Func<long> Clock { get; init; } = MonotonicClock.NowNanoseconds;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Exchange);
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StaleAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DiscoveryInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Clock);
    }
}
