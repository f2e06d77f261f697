using System.Globalization;
using System.Text.RegularExpressions;

namespace AlphaPulse.Bench.Reporting;

/// <summary>A measuring thread and the monotonic window (ns) in which it measured.</summary>
public readonly record struct MeasuredThread(int Tid, long FromNs, long ToNs);

/// <summary>What ran on a measured core while a measuring thread was runnable but off it.</summary>
public sealed record Offender(string Thread, long TotalNs, int Count, long LongestNs);

/// <summary>
/// Who took the measured cores: from an ftrace <c>sched_switch</c> text trace (clock <c>mono</c>, so its
/// timestamps are the same clock as <c>Stopwatch</c>), every interval in which a measuring thread was
/// switched out while still runnable (<c>prev_state=R</c>, a preemption, not a wait) inside its window,
/// until it ran again, with the time each other thread ran on that core meanwhile. This is how issue 13's
/// 100× tail was found: the suite's and the build's tier-1 compilers took 4 ms slices. Immutable.
/// </summary>
public sealed partial class Preemptions
{
    private Preemptions(IReadOnlyList<Offender> offenders, IReadOnlyList<PreemptionGap> gaps, long totalNs, long longestNs)
    {
        Offenders = offenders;
        Gaps = gaps;
        TotalNs = totalNs;
        LongestNs = longestNs;
    }

    /// <summary>Threads that ran while a measuring thread waited, by total time, largest first.</summary>
    public IReadOnlyList<Offender> Offenders { get; }

    /// <summary>Every preemption of a measuring thread inside its window, in trace order.</summary>
    public IReadOnlyList<PreemptionGap> Gaps { get; }

    public int Count => Gaps.Count;

    public long TotalNs { get; }

    public long LongestNs { get; }

    public static Preemptions Analyse(IEnumerable<string> traceLines, IReadOnlyCollection<MeasuredThread> measured)
    {
        ArgumentNullException.ThrowIfNull(traceLines);
        ArgumentNullException.ThrowIfNull(measured);
        var windows = measured.GroupBy(thread => thread.Tid).ToDictionary(group => group.Key, group => group.ToArray());
        var running = new Dictionary<int, (string Thread, long Since)>();
        // A gap's slices count only once its thread runs again: a gap left open (the role exited) names no one.
        var open = new Dictionary<int, (int Tid, long Since, List<(string Thread, long Slice)> Slices)>();
        var byThread = new Dictionary<string, (long Total, int Count, long Longest)>(StringComparer.Ordinal);
        var gaps = new List<PreemptionGap>();
        var (total, longest) = (0L, 0L);
        foreach (var line in traceLines)
        {
            var match = SchedSwitch().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var cpu = int.Parse(match.Groups["cpu"].ValueSpan, CultureInfo.InvariantCulture);
            var at = Nanoseconds(match.Groups["time"].Value);
            var previousTid = int.Parse(match.Groups["prevpid"].ValueSpan, CultureInfo.InvariantCulture);
            var nextTid = int.Parse(match.Groups["nextpid"].ValueSpan, CultureInfo.InvariantCulture);
            if (open.TryGetValue(cpu, out var gap) && running.TryGetValue(cpu, out var ran) && ran.Thread.Length > 0)
            {
                gap.Slices.Add((ran.Thread, at - ran.Since));
            }

            if (gap.Slices is not null && gap.Tid == nextTid)
            {
                var length = at - gap.Since;
                gaps.Add(new PreemptionGap(gap.Tid, gap.Since, at));
                (total, longest) = (total + length, Math.Max(longest, length));
                foreach (var (thread, slice) in gap.Slices)
                {
                    byThread[thread] = byThread.TryGetValue(thread, out var sum)
                        ? (sum.Total + slice, sum.Count + 1, Math.Max(sum.Longest, slice))
                        : (slice, 1, slice);
                }
                _ = open.Remove(cpu);
            }
            else if (match.Groups["state"].Value.StartsWith('R') && Measuring(windows, previousTid, at))
            {
                open[cpu] = (previousTid, at, []);
            }

            running[cpu] = (nextTid == 0 ? string.Empty : match.Groups["next"].Value, at);
        }

        var offenders = byThread
            .Select(entry => new Offender(entry.Key, entry.Value.Total, entry.Value.Count, entry.Value.Longest))
            .OrderByDescending(offender => offender.TotalNs)
            .ToArray();
        return new Preemptions(offenders, gaps, total, longest);
    }

    /// <summary>A Markdown table of the largest offenders.</summary>
    public string ToMarkdown(int top)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Measuring threads preempted {Count} times, {TotalNs / 1e6:0.###} ms in all, longest {LongestNs / 1e3:0.#} µs."),
            string.Empty,
            "| thread that ran instead | total ms | slices | longest µs |",
            "|---|---|---|---|",
        };
        lines.AddRange(Offenders.Take(top).Select(offender =>
            string.Create(CultureInfo.InvariantCulture, $"| {offender.Thread} | {offender.TotalNs / 1e6:0.###} | {offender.Count} | {offender.LongestNs / 1e3:0.#} |")));
        return string.Join('\n', lines) + "\n";
    }

    private static bool Measuring(Dictionary<int, MeasuredThread[]> windows, int tid, long at) =>
        windows.TryGetValue(tid, out var threads) && threads.Any(thread => at >= thread.FromNs && at <= thread.ToNs);

    /// <summary>"24664.650085" (seconds, µs or ns digits) as nanoseconds, without floating-point rounding.</summary>
    private static long Nanoseconds(string seconds)
    {
        var dot = seconds.IndexOf('.', StringComparison.Ordinal);
        var whole = long.Parse(seconds.AsSpan(0, dot), CultureInfo.InvariantCulture);
        var fraction = seconds[(dot + 1)..].PadRight(9, '0')[..9];
        return (whole * 1_000_000_000) + long.Parse(fraction, CultureInfo.InvariantCulture);
    }

    // "dotnet-8618 (8611) [000] d..2. 24789.729795: sched_switch: prev_comm=dotnet prev_pid=8618 prev_prio=100
    //  prev_state=R ==> next_comm=kdamond.0 next_pid=77 next_prio=120" (the tgid column is optional).
    [GeneratedRegex(@"\[(?<cpu>\d+)\]\s+\S+\s+(?<time>\d+\.\d+): sched_switch: prev_comm=.+? prev_pid=(?<prevpid>\d+) prev_prio=\d+ prev_state=(?<state>\S+) ==> next_comm=(?<next>.+?) next_pid=(?<nextpid>\d+) next_prio=\d+")]
    private static partial Regex SchedSwitch();
}
