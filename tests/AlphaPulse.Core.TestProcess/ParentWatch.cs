using System.Globalization;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// Ends this child once the test host that started it is gone. A killed test host (a hung test, or
/// a mutation run timing a mutant out) leaves its children to init; a writer publishing forever
/// must not outlive it. Polls the parent pid from /proc every 200 ms on a background thread.
/// </summary>
internal static class ParentWatch
{
    public static void Start()
    {
        var parent = ParentPid();
        var thread = new Thread(() =>
        {
            while (ParentPid() == parent)
            {
                Thread.Sleep(200);
            }

            Environment.Exit(3);
        })
        {
            IsBackground = true,
            Name = "parent watch",
        };
        thread.Start();
    }

    /// <summary>Field 4 of /proc/self/stat, after the command name in parentheses (which may hold spaces).</summary>
    private static int ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
