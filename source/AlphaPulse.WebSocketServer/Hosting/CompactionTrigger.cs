namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Decides when a burst of connection churn has settled enough to be worth a compacting collection:
/// at least <c>threshold</c> connections opened or closed since the last one, and none for
/// <c>settle</c>. A threshold of 0 never fires. Fed by one timer; not thread-safe.
/// </summary>
internal sealed class CompactionTrigger(int threshold, TimeSpan settle)
{
    private long _seen;
    private long _pending;
    private TimeSpan _lastChange;

    /// <summary>Takes the churn counted so far at <paramref name="now"/>; true when a compaction is due (the burst is then consumed).</summary>
    public bool IsDue(long churn, TimeSpan now)
    {
        if (churn != _seen)
        {
            _pending += churn - _seen;
            _seen = churn;
            _lastChange = now;
            return false;
        }

        if (threshold == 0 || _pending < threshold || now - _lastChange < settle)
        {
            return false;
        }

        _pending = 0;
        return true;
    }
}
