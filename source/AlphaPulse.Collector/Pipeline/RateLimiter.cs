namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Lets at most one event through per interval and counts the rest, so a flood of malformed frames
/// costs one log line per interval. Pure apart from its two fields; single-threaded (under the gate).
/// </summary>
public sealed class RateLimiter(long intervalNanoseconds)
{
    private long _next = long.MinValue;
    private long _suppressed;

    /// <summary>True when an event at <paramref name="now"/> may be reported; <paramref name="suppressed"/> says how many were held back before it.</summary>
    public bool TryAcquire(long now, out long suppressed)
    {
        if (now < _next)
        {
            _suppressed++;
            suppressed = 0;
            return false;
        }
        _next = now + intervalNanoseconds;
        suppressed = _suppressed;
        _suppressed = 0;
        return true;
    }
}
