using AlphaPulse.Bench.Reporting;
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

    /// <summary>
    /// Waits for message i's intended time and returns it (now, at full speed). Each wait is an idle
    /// loop: its gaps go to <paramref name="stalls"/> when given (the time since the last publish is not one).
    /// </summary>
    public long WaitFor(long i, StallLog? stalls = null)
    {
        var now = MonotonicClock.NowNanoseconds();
        if (_intervalNs == 0)
        {
            return now;
        }

        var intended = _start + (long)(i * _intervalNs);
        while (now < intended)
        {
            Thread.SpinWait(1);
            var previous = now;
            now = MonotonicClock.NowNanoseconds();
            stalls?.Note(previous, now);
        }

        return intended;
    }
}
