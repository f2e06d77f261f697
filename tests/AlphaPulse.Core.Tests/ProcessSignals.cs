using System.ComponentModel;
using System.Runtime.InteropServices;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// Stops and resumes a child process with kill(2) itself: the stopped-writer test sends 400 signals, and a
/// kill(1) process for each took over a minute on a loaded 2-core machine (and ran for every mutant it covers).
/// </summary>
internal static partial class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Sends SIGSTOP and returns once the kernel reports the process stopped (state <c>T</c>).</summary>
    public static void Stop(int pid)
    {
        Send(pid, SigStop);
        while (File.ReadAllText($"/proc/{pid}/stat") is var stat && stat[(stat.LastIndexOf(')') + 2)..][0] != 'T')
        {
            Thread.Yield();
        }
    }

    public static void Continue(int pid) => Send(pid, SigCont);

    private static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({pid}, {signal}) failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
