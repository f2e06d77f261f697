using System.Diagnostics;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>
/// A token bucket for one client's requests: <c>rate</c> a second sustained, bursts of twice that.
/// Used only by the client's receive loop (single-threaded).
/// </summary>
internal sealed class RequestBucket(int ratePerSecond)
{
    private readonly double _capacity = 2.0 * ratePerSecond;
    private double _tokens = 2.0 * ratePerSecond;
    private long _last = Stopwatch.GetTimestamp();

    public bool TryTake()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * ratePerSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
