namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// A normalised trade, the argument of <see cref="RingWriter.PublishTrade"/> and the value of
/// <see cref="RecordView.Trade"/>. Immutable value; safe from any thread.
/// </summary>
/// <param name="InstrumentId">Row of the ring's instrument table.</param>
/// <param name="Price">Fixed point at the instrument's price scale.</param>
/// <param name="Size">Fixed point at the instrument's size scale.</param>
/// <param name="Side">Aggressor side.</param>
/// <param name="TradeId">The exchange's numeric trade id.</param>
/// <param name="ExchangeTime">Exchange timestamp, unix nanoseconds.</param>
/// <param name="ReceiveTime">When the collector received it, unix nanoseconds.</param>
public readonly record struct Trade(
    ushort InstrumentId,
    long Price,
    long Size,
    TradeSide Side,
    ulong TradeId,
    long ExchangeTime,
    long ReceiveTime);
