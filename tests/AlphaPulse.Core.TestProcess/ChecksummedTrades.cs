using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// Trades whose fields are all derived from one seed and whose trade id is a checksum over them, so a
/// reader can tell a torn record from a whole one. Stateless; safe from any thread.
/// </summary>
public static class ChecksummedTrades
{
    public static Trade Create(ulong seed)
    {
        var price = (long)(Mix(seed) >> 1);
        var size = (long)(Mix(seed ^ 0x5555) >> 1);
        var exchangeTime = (long)(Mix(seed ^ 0xAAAA) >> 1);
        var receiveTime = (long)seed;
        var side = (TradeSide)(1 + (int)(seed & 1));
        return new Trade(0, price, size, side, Checksum(price, size, exchangeTime, receiveTime, side), exchangeTime, receiveTime);
    }

    public static bool IsValid(in Trade trade) =>
        trade.TradeId == Checksum(trade.Price, trade.Size, trade.ExchangeTime, trade.ReceiveTime, trade.Side)
        && trade.Price == (long)(Mix((ulong)trade.ReceiveTime) >> 1);

    private static ulong Checksum(long price, long size, long exchangeTime, long receiveTime, TradeSide side) =>
        Mix((ulong)price ^ Mix((ulong)size ^ Mix((ulong)exchangeTime ^ Mix((ulong)receiveTime ^ (ulong)side))));

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
