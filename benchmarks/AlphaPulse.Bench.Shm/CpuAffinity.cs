using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// Pins threads to one core (sched_setaffinity) and raises the calling thread's priority (nice −20,
/// where permitted), so that other processes on a shared machine preempt the measured loops less often.
/// </summary>
internal static unsafe partial class CpuAffinity
{
    private const int PrioProcess = 0;
    private const int HighestNice = -20;

    /// <summary>
    /// True when the calling thread now runs at nice −20 (root, or CAP_SYS_NICE). Linux keeps a nice
    /// value per thread, so this raises only the measuring thread, and only within its session's
    /// autogroup (sched_autogroup_enabled): it does not outrank another session's work.
    /// </summary>
    public static bool RaisePriority() => SetPriority(PrioProcess, 0, HighestNice) == 0;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, uint who, int priority);

    /// <summary>True when pinned; false on a one-core machine or when the kernel refuses.</summary>
    public static bool PinCurrentThread(int cpu) => Pin(0, cpu);

    /// <summary>Pins every thread of this process to <paramref name="cpu"/> (see <see cref="ProcessAffinity"/>).</summary>
    public static bool PinProcess(int cpu) => ProcessAffinity.TryPin([cpu], out _);

    private static bool Pin(int tid, int cpu)
    {
        if (cpu < 0 || cpu >= Environment.ProcessorCount || cpu >= 64)
        {
            return false;
        }

        var mask = 1UL << cpu;
        return Libc.SchedSetAffinity(tid, sizeof(ulong), &mask) == 0;
    }
}
