using System.Runtime.InteropServices;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>Raises this process's open-file limit (children inherit it): 10,000 clients plus the servers' sockets need more than the usual 1,024.</summary>
internal static partial class ResourceLimits
{
    private const int RlimitNofile = 7;

    public static ulong RaiseOpenFiles(ulong wanted)
    {
        var limit = new Rlimit();
        if (GetRlimit(RlimitNofile, ref limit) != 0)
        {
            return 0;
        }

        if (limit.Current >= wanted)
        {
            return limit.Current;
        }

        // Root may also raise the hard limit; others get at most the hard limit.
        var raised = new Rlimit { Current = wanted, Maximum = Math.Max(wanted, limit.Maximum) };
        if (SetRlimit(RlimitNofile, ref raised) != 0)
        {
            raised = new Rlimit { Current = limit.Maximum, Maximum = limit.Maximum };
            _ = SetRlimit(RlimitNofile, ref raised);
        }

        _ = GetRlimit(RlimitNofile, ref limit);
        return limit.Current;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, ref Rlimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, ref Rlimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
