using System.Globalization;

namespace AlphaPulse.Bindings.TestWriter;

/// <summary>
/// Ends this child once the process that started it (pytest, the bench) is gone, so a killed test run leaves no
/// writer behind. Polls the parent pid from /proc every 200 ms on a background thread.
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
