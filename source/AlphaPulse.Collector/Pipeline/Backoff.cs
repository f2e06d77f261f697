namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Reconnect and retry delays: exponential with "equal jitter" (half the delay fixed, half random), so
/// replicas that lose the exchange together do not reconnect in lock-step. Pure; safe from any thread.
/// </summary>
public static class Backoff
{
    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (0 = first retry):
    /// d = min(max, initial·2^attempt), then d/2 + jitter·d/2 with <paramref name="jitter"/> in [0, 1).
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);

        // 2^attempt overflows nothing below 2^30, and max is reached long before for any sane initial.
        var exponential = initial.Ticks * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, max.Ticks);
        return TimeSpan.FromTicks((long)((capped / 2) + (jitter * capped / 2)));
    }
}
