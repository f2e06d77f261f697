using System.Runtime.CompilerServices;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// Passes each trade id of an instrument once: a repeat or an older id (a resent trade after a
/// reconnect) is refused; a skip ahead is accepted and counted as a gap. Single-threaded.
/// </summary>
public sealed class TradeDeduplicator(int instruments, FeedCounters counters)
{
    private readonly ulong[] _lastTradeIds = new ulong[instruments];

    /// <summary>True when <paramref name="tradeId"/> is new for the instrument (and remembers it); false for a duplicate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNew(ushort instrumentId, ulong tradeId)
    {
        if (tradeId != _lastTradeIds[instrumentId] + 1 && !IsNewOnSkip(instrumentId, tradeId))
        {
            return false;
        }
        _lastTradeIds[instrumentId] = tradeId;
        return true;
    }

    /// <summary>The trade id is not the next one: a duplicate (false), the first trade seen, or a skip ahead (counted).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool IsNewOnSkip(ushort instrumentId, ulong tradeId)
    {
        var last = _lastTradeIds[instrumentId];
        if (last != 0 && tradeId <= last)
        {
            return false;
        }
        if (last != 0)
        {
            counters.CountTradeGap();
        }
        return true;
    }
}
