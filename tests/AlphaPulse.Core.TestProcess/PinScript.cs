using System.Globalization;

namespace AlphaPulse.Core.TestProcess;

/// <summary>
/// Pins this whole process with <see cref="ProcessAffinity.TryPin"/> and reports what the kernel then says of
/// every thread: one line <c>pinned</c>, <c>failed &lt;error&gt;</c> or <c>refused &lt;parameter&gt; &lt;value&gt;</c>,
/// then <c>thread &lt;tid&gt; &lt;Cpus_allowed_list&gt;</c> per thread (one started before the pin, one after, and
/// the runtime's own), then <c>done</c>. In a child so the test host itself is never narrowed to fewer cores.
/// </summary>
internal static class PinScript
{
    public static int Run(string cpuList)
    {
        int[] cpus = [.. cpuList.Split(',').Select(cpu => int.Parse(cpu, CultureInfo.InvariantCulture))];
        using var release = new ManualResetEventSlim();
        var before = Park(release);
        try
        {
            Console.WriteLine(ProcessAffinity.TryPin(cpus, out var error) ? "pinned" : $"failed {error}");
        }
        catch (ArgumentOutOfRangeException e)
        {
            Console.WriteLine($"refused {e.ParamName} {e.ActualValue}");
        }

        var after = Park(release);
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            var allowed = TryReadAllowed(Path.Combine(task, "status"));
            if (allowed is not null)
            {
                Console.WriteLine($"thread {Path.GetFileName(task)} {allowed}");
            }
        }

        release.Set();
        before.Join();
        after.Join();
        Console.WriteLine("done");
        return 0;
    }

    private static Thread Park(ManualResetEventSlim release)
    {
        var thread = new Thread(() => release.Wait()) { Name = "parked" };
        thread.Start();
        return thread;
    }

    /// <summary>The thread's <c>Cpus_allowed_list</c>; null when it exited between listing and reading.</summary>
    private static string? TryReadAllowed(string status)
    {
        try
        {
            return File.ReadLines(status).First(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split('\t')[1];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
