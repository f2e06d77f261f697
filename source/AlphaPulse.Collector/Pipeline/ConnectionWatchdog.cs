using System.Net.WebSockets;
using AlphaPulse.Core;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Ends a connection that went quiet for the stale-feed time, or that reached its lifetime (Binance
/// cuts connections at 24 h), by aborting the socket so the receive loop fails and reconnects.
/// One per connection; <see cref="Verdict"/> is written once by the watchdog and read by the loop afterwards.
/// </summary>
internal sealed class ConnectionWatchdog(ClientWebSocket socket, TimeSpan staleAfter, TimeSpan lifetime)
{
    private int _verdict = -1;

    /// <summary>Why the watchdog aborted the socket; null when it did not.</summary>
    public DisconnectReason? Verdict
    {
        get
        {
            var verdict = Volatile.Read(ref _verdict);
            return verdict < 0 ? null : (DisconnectReason)verdict;
        }
    }

    public async Task WatchAsync(Func<long> lastFrameTime, CancellationToken cancellationToken)
    {
        var started = MonotonicClock.NowNanoseconds();
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 50, staleAfter.Ticks / 4));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = MonotonicClock.NowNanoseconds();
                var verdict = now - lastFrameTime() > staleAfter.Ticks * 100 ? DisconnectReason.Stale
                    : now - started > lifetime.Ticks * 100 ? DisconnectReason.Lifetime
                    : (DisconnectReason?)null;
                if (verdict is { } reason)
                {
                    Volatile.Write(ref _verdict, (int)reason);
                    socket.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended for another reason.
        }
    }
}
