using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Bench;

/// <summary>Pins the calling thread to one core (sched_setaffinity), where the machine has enough cores.</summary>
internal static unsafe class CpuAffinity
{
    /// <summary>True when pinned; false on a one-core machine or when the kernel refuses.</summary>
    public static bool PinCurrentThread(int cpu)
    {
        if (cpu < 0 || cpu >= Environment.ProcessorCount || cpu >= 64)
        {
            return false;
        }

        var mask = 1UL << cpu;
        return Libc.SchedSetAffinity(0, sizeof(ulong), &mask) == 0;
    }
}
