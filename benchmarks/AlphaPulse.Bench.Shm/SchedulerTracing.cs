using System.Diagnostics;
using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The kernel's scheduler trace around the latency rounds (opt-in: <c>BENCH_TRACE_SCHEDULER=1</c>, what
/// <c>./build.sh Bench --trace-scheduler</c> sets): ftrace's <c>sched_switch</c> event on the
/// <c>mono</c> clock, so the trace can be cut to each measuring thread's window and the threads that took
/// its core named (<see cref="Preemptions"/>). Needs root and tracefs; it changes global kernel tracing
/// state while it runs and puts back what it found. Not thread-safe.
/// </summary>
internal sealed class SchedulerTracing
{
    private const string Root = "/sys/kernel/tracing";
    private const int BufferKbPerCpu = 65_536;

    private readonly string _previousClock;
    private readonly string _previousBufferKb;
    private readonly string _previousEvents;

    private SchedulerTracing(string previousClock, string previousBufferKb, string previousEvents)
    {
        _previousClock = previousClock;
        _previousBufferKb = previousBufferKb;
        _previousEvents = previousEvents;
    }

    public static bool Requested => Environment.GetEnvironmentVariable("BENCH_TRACE_SCHEDULER") is "1" or "true";

    /// <summary>Starts tracing, or returns null with the reason it cannot here (not root, no tracefs).</summary>
    public static SchedulerTracing? TryStart(out string reason)
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
            var clock = File.ReadAllText(Path.Combine(Root, "trace_clock"));
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

    /// <summary>Stops tracing, analyses the trace for <paramref name="measured"/>, and puts the previous settings back.</summary>
    public Preemptions Stop(IReadOnlyCollection<MeasuredThread> measured)
    {
        Write("tracing_on", "0");
        try
        {
            return Preemptions.Analyse(File.ReadLines(Path.Combine(Root, "trace")), measured);
        }
        finally
        {
            Write("trace", string.Empty);
            Write("set_event", _previousEvents.Trim().Length == 0 ? string.Empty : _previousEvents);
            Write("trace_clock", _previousClock);
            Write("buffer_size_kb", _previousBufferKb);
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
