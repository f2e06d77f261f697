using System.Diagnostics;
using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The kernel's scheduler trace around the latency rounds (opt-in: <c>BENCH_TRACE_SCHEDULER=1</c>, what
/// <c>./build.sh Bench --trace-scheduler</c> sets): ftrace's <c>sched_switch</c> event on the
/// <c>mono</c> clock, so the trace can be cut to each measuring thread's window and the threads that took
/// its core named (<see cref="Preemptions"/>). Needs root and tracefs; it changes global kernel tracing
/// state while it runs and puts back what it found when disposed, also when a round failed. Not thread-safe.
/// </summary>
internal sealed class SchedulerTracing(string previousClock, string previousBufferKb, string previousEvents) : IDisposable
{
    private const string Root = "/sys/kernel/tracing";
    private const int BufferKbPerCpu = 65_536;

    /// <summary>Starts tracing when asked to (<c>BENCH_TRACE_SCHEDULER</c>); null when not asked, or, said why, when it cannot here.</summary>
    public static SchedulerTracing? StartIfRequested()
    {
        if (Environment.GetEnvironmentVariable("BENCH_TRACE_SCHEDULER") is not ("1" or "true"))
        {
            return null;
        }

        var tracing = TryStart(out var reason);
        if (tracing is null)
        {
            Console.WriteLine(reason);
        }

        return tracing;
    }

    /// <summary>Stops tracing and analyses the trace for <paramref name="measured"/>.</summary>
    public Preemptions Analyse(IReadOnlyCollection<MeasuredThread> measured)
    {
        Write("tracing_on", "0");
        return Preemptions.Analyse(File.ReadLines(Path.Combine(Root, "trace")), measured);
    }

    /// <summary>Stops tracing, drops the trace and puts the previous settings back.</summary>
    public void Dispose()
    {
        Write("tracing_on", "0");
        Write("trace", string.Empty);
        // A write to set_event adds events (the kernel's "!" removes one): ours off, then the previous ones on.
        Write("set_event", "!sched:sched_switch");
        Write("set_event", previousEvents);
        Write("trace_clock", previousClock);
        Write("buffer_size_kb", previousBufferKb);
    }

    private static SchedulerTracing? TryStart(out string reason)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            reason = "scheduler trace not recorded: it needs root (ftrace under /sys/kernel/tracing)";
            return null;
        }

        if (!File.Exists(Path.Combine(Root, "trace")) && !MountTracefs(out reason))
        {
            return null;
        }

        try
        {
            var clock = Read("trace_clock");
            var selected = clock[(clock.IndexOf('[', StringComparison.Ordinal) + 1)..clock.IndexOf(']', StringComparison.Ordinal)];
            // buffer_size_kb reads "7 (expanded: 1408)" before first use: the number is what is written back.
            var bufferKb = new string([.. Read("buffer_size_kb").TakeWhile(char.IsAsciiDigit)]);
            var tracing = new SchedulerTracing(selected, bufferKb, Read("set_event"));
            Write("tracing_on", "0");
            Write("trace_clock", "mono");
            Write("buffer_size_kb", BufferKbPerCpu.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Write("set_event", "sched:sched_switch");
            Write("trace", string.Empty);
            Write("tracing_on", "1");
            reason = string.Empty;
            return tracing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"scheduler trace not recorded: {Root} refused a setting ({e.Message})";
            return null;
        }
    }

    private static bool MountTracefs(out string reason)
    {
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tracefs", "nodev", Root]) { RedirectStandardError = true })!;
        var error = mount.StandardError.ReadToEnd();
        mount.WaitForExit();
        reason = mount.ExitCode == 0 ? string.Empty : $"scheduler trace not recorded: tracefs is not mounted and mount -t tracefs nodev {Root} failed ({error.Trim()})";
        return mount.ExitCode == 0;
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(Root, file));

    private static void Write(string file, string value) => File.WriteAllText(Path.Combine(Root, file), value);
}
