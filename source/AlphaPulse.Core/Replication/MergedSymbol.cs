using System.Runtime.CompilerServices;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// The merged state of one symbol: the book consumers read, the exchange sequence it is at, the replica it
/// follows (its leader), and which trade ids were already delivered. Single-threaded: the merged reader's thread.
/// </summary>
internal sealed class MergedSymbol(string name)
{
    /// <summary>Trade ids this far below the newest are too old to tell apart from duplicates, and are dropped.</summary>
    public const int TradeWindow = 64;

    private ulong _newestTradeId;
    private ulong _seenTrades;

    public string Name { get; } = name;

    public OrderBook Book { get; } = new(64);

    public bool Valid { get; set; }

    /// <summary>The exchange sequence of the merged book; 0 when the exchange has none (follow mode).</summary>
    public long Sequence { get; set; }

    /// <summary>The replica this symbol follows (follow mode) or fails over from (sequenced mode); −1 none.</summary>
    public int Leader { get; set; } = -1;

    /// <summary>The replica whose multi-record delta is half applied to the merged book; −1 none.</summary>
    public int BatchReplica { get; set; } = -1;

    /// <summary>True the first time <paramref name="tradeId"/> is seen within the window; false for a copy or an id too old.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAcceptTrade(ulong tradeId)
    {
        if (tradeId > _newestTradeId)
        {
            var shift = tradeId - _newestTradeId;
            _seenTrades = (shift >= TradeWindow ? 0 : _seenTrades << (int)shift) | 1;
            _newestTradeId = tradeId;
            return true;
        }
        var age = _newestTradeId - tradeId;
        if (age >= TradeWindow || (_seenTrades & (1UL << (int)age)) != 0)
        {
            return false;
        }
        _seenTrades |= 1UL << (int)age;
        return true;
    }
}
