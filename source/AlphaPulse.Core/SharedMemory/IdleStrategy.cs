using System.Runtime.CompilerServices;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>How a reader waits when the ring has nothing new (after Aeron's idle strategies).</summary>
public enum IdleMode
{
    /// <summary>Never gives up the core: lowest latency, one core fully used per reader.</summary>
    BusySpin,

    /// <summary>Spins briefly, then yields the core to other runnable threads. The default.</summary>
    SpinThenYield,

    /// <summary>Spins, yields, then sleeps 1 ms at a time: little CPU, millisecond wake-up.</summary>
    LowCpu,
}

/// <summary>
/// A waiting policy: <see cref="Idle"/> once per empty poll, <see cref="Reset"/> after work.
/// Stateful: one instance per waiting thread.
/// </summary>
public sealed class IdleStrategy
{
    private const int SpinLimit = 100;
    private const int YieldLimit = 200;

    private readonly IdleMode _mode;
    private int _idleCount;

    public IdleStrategy(IdleMode mode) => _mode = mode;

    public IdleMode Mode => _mode;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset() => _idleCount = 0;

    public void Idle()
    {
        var count = ++_idleCount;
        if (_mode == IdleMode.BusySpin || count <= SpinLimit)
        {
            // A pause instruction: frees the sibling hyper-thread, keeps the core.
            Thread.SpinWait(1);
        }
        else if (_mode == IdleMode.SpinThenYield || count <= YieldLimit)
        {
            _ = Thread.Yield();
        }
        else
        {
            OnLongIdle();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OnLongIdle() => Thread.Sleep(1);
}
