using AlphaPulse.Core;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// When message i is meant to be sent: start + i / rate on the shared monotonic clock, spinning
/// until then; at rate 0 (full speed) it is sent at once. Single-threaded: the writer role owns it.
/// </summary>
internal readonly struct SendSchedule
{
    private readonly long _start;
    private readonly double _intervalNs;

    public SendSchedule(long rate)
    {
        _start = MonotonicClock.NowNanoseconds() + 1_000_000;
        _intervalNs = rate > 0 ? 1e9 / rate : 0;
    }

    public long Start => _start;

    /// <summary>Waits for message i's intended time and returns it (now, at full speed).</summary>
    public long WaitFor(long i)
    {
        if (_intervalNs == 0)
        {
            return MonotonicClock.NowNanoseconds();
        }

        var intended = _start + (long)(i * _intervalNs);
        while (MonotonicClock.NowNanoseconds() < intended)
        {
            Thread.SpinWait(1);
        }

        return intended;
    }
}
