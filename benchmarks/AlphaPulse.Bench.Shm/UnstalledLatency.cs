using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// One latency round's hops of one ring (<c>shm</c> or <c>floor</c>), the pids of its measuring threads,
/// and the windows in which those threads saw themselves stalled (<see cref="StallLog"/>).
/// </summary>
internal sealed record RoundHops(int Round, string Kind, int WriterTid, int ReaderTid, HopSamples Hops, IReadOnlyList<PreemptionGap> Stalls);

/// <summary>
/// The latency rounds without the hops their own threads were stalled through: a slow hop whose span
/// (intended send to receive) touches a window in which its writer or reader did not run (seen by the
/// thread itself, or shown by the scheduler trace when it is on) is left out, for ours and the floor
/// alike. On the shared 2-core VMs the host takes the vCPUs for 1–4 ms bursts (0.6–0.8 % of a core,
/// right at the 1 % a p99 measures), so the plain p99 ratio swings from 0.1 to 21 between runs; the
/// unstalled ratio compares the two rings' own tails. The trace alone was not enough: stalls it cannot
/// see (interrupts, the host taking the whole VM) moved it 0.6–4.8 across runs. Stateless.
/// </summary>
internal static class UnstalledLatency
{
    public static void Report(IReadOnlyList<RoundHops> rounds, Preemptions? preemptions, Dictionary<string, double> metrics)
    {
        var byKind = new Dictionary<string, (LongHistogram Merged, long Excluded, long Stalls, long StalledNs)>(StringComparer.Ordinal);
        var p99 = new Dictionary<(int Round, string Kind), double>();
        foreach (var round in rounds)
        {
            var gaps = preemptions is null ? round.Stalls : [.. round.Stalls, .. preemptions.Gaps];
            var (kept, excluded) = round.Hops.Unstalled(new PreemptionWindows(gaps, round.WriterTid, round.ReaderTid));
            if (kept.TotalCount > 0)
            {
                // A round whose every slow hop was held up (a machine that busy) has no ratio to give.
                p99[(round.Round, round.Kind)] = kept.GetValueAtPercentile(99);
            }

            if (!byKind.TryGetValue(round.Kind, out var sum))
            {
                sum = (new LongHistogram(LatencyRecorder.Highest, 3), 0, 0, 0);
            }

            sum.Merged.Add(kept);
            byKind[round.Kind] = (sum.Merged, sum.Excluded + excluded, sum.Stalls + round.Stalls.Count, sum.StalledNs + round.Stalls.Sum(gap => gap.ToNs - gap.FromNs));
        }

        foreach (var (kind, prefix) in new[] { ("shm", "latency_unstalled"), ("floor", "floor_latency_unstalled") })
        {
            if (byKind.TryGetValue(kind, out var sum) && sum.Merged.TotalCount > 0)
            {
                metrics[prefix + "_p50_ns"] = sum.Merged.GetValueAtPercentile(50);
                metrics[prefix + "_p99_ns"] = sum.Merged.GetValueAtPercentile(99);
                metrics[prefix + "_p999_ns"] = sum.Merged.GetValueAtPercentile(99.9);
                metrics[prefix + "_excluded_samples"] = sum.Excluded;
                metrics[prefix + "_stalls_seen"] = sum.Stalls;
                metrics[prefix + "_stalled_ms"] = sum.StalledNs / 1e6;
            }
        }

        // As for the plain ratio: each round's ours over the floor run beside it, the median of the rounds.
        var ratios = rounds.Select(round => round.Round).Distinct()
            .Where(round => p99.ContainsKey((round, "shm")) && p99.ContainsKey((round, "floor")))
            .Select(round => p99[(round, "shm")] / Math.Max(1, p99[(round, "floor")]))
            .Order()
            .ToList();
        metrics["unstalled_rounds"] = ratios.Count;
        if (ratios.Count > 0)
        {
            metrics["latency_p99_ratio_to_floor_unstalled"] = ratios[ratios.Count / 2];
            (metrics["latency_p99_ratio_to_floor_unstalled_min"], metrics["latency_p99_ratio_to_floor_unstalled_max"]) = (ratios[0], ratios[^1]);
        }
    }
}
