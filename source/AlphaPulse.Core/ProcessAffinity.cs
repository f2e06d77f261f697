using System.Globalization;
using System.Runtime.InteropServices;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Core;

/// <summary>
/// Pins every thread of this process to a set of cores (sched_setaffinity on each thread of
/// /proc/self/task; threads created later inherit the mask of the thread that creates them). A hot
/// path that runs on thread-pool threads, as a collector's receive loop does, then never migrates
/// off those cores, and the runtime's GC, finalizer and tiering threads stay on them too. Needs no
/// privilege, but a cpuset (container limits) may refuse cores outside it. Stateless; Linux only.
/// </summary>
public static unsafe class ProcessAffinity
{
    /// <summary>Largest CPU number a mask here can name (a 1024-bit cpu_set_t, glibc's size).</summary>
    public const int MaxCpu = 1023;

    /// <summary>Pins every current thread to <paramref name="cpus"/>; on failure, the error text names the thread, cores and errno.</summary>
    public static bool TryPin(IReadOnlyList<int> cpus, out string error)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var mask = stackalloc ulong[(MaxCpu + 1) / 64];
        new Span<ulong>(mask, (MaxCpu + 1) / 64).Clear();
        foreach (var cpu in cpus)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cpu);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cpu, MaxCpu);
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
            if (Libc.SchedSetAffinity(tid, (MaxCpu + 1) / 8, mask) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.ESrch)
                {
                    // The thread exited between the listing and the call: nothing of it is left to pin.
                    continue;
                }

                error = $"sched_setaffinity refused cores {string.Join(',', cpus)} for thread {tid}: {Libc.Describe(errno)} (errno {errno})";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }
}
