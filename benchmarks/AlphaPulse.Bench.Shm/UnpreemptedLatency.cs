using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Bench.Shm;

/// <summary>One latency round's hops of one ring (<c>shm</c> or <c>floor</c>) and the pids of its measuring threads.</summary>
internal sealed record RoundHops(int Round, string Kind, int WriterTid, int ReaderTid, HopSamples Hops);

/// <summary>
/// The latency rounds without the hops that another thread held up, by the scheduler trace: a slow hop
/// whose span (intended send to receive) touches a preemption of its writer or reader is left out, for
/// ours and the floor alike. On the shared 2-core VMs the host's own threads (<c>kdamond</c>, the sandbox
/// agent) take 0.6–0.8 % of a core in 1–4 ms bursts, right at the 1 % a p99 measures, so the plain p99
/// ratio swings from 0.1 to 21 between runs; the unpreempted ratio compares the two rings' own tails. Stateless.
/// </summary>
internal static class UnpreemptedLatency
{
    public static void Report(IReadOnlyList<RoundHops> rounds, Preemptions preemptions, Dictionary<string, double> metrics)
    {
        var byKind = new Dictionary<string, (LongHistogram Merged, long Excluded)>(StringComparer.Ordinal);
        var p99 = new Dictionary<(int Round, string Kind), double>();
        foreach (var round in rounds)
        {
            var (kept, excluded) = round.Hops.Unpreempted(new PreemptionWindows(preemptions.Gaps, round.WriterTid, round.ReaderTid));
            if (kept.TotalCount > 0)
            {
                // A round whose every hop another thread held up (a machine that busy) has no ratio to give.
                p99[(round.Round, round.Kind)] = kept.GetValueAtPercentile(99);
            }

            if (!byKind.TryGetValue(round.Kind, out var sum))
            {
                sum = (new LongHistogram(LatencyRecorder.Highest, 3), 0);
            }

            sum.Merged.Add(kept);
            byKind[round.Kind] = (sum.Merged, sum.Excluded + excluded);
        }

        foreach (var (kind, prefix) in new[] { ("shm", "latency_unpreempted"), ("floor", "floor_latency_unpreempted") })
        {
            if (byKind.TryGetValue(kind, out var sum) && sum.Merged.TotalCount > 0)
            {
                metrics[prefix + "_p50_ns"] = sum.Merged.GetValueAtPercentile(50);
                metrics[prefix + "_p99_ns"] = sum.Merged.GetValueAtPercentile(99);
                metrics[prefix + "_p999_ns"] = sum.Merged.GetValueAtPercentile(99.9);
                metrics[prefix + "_excluded_samples"] = sum.Excluded;
            }
        }

        // As for the plain ratio: each round's ours over the floor run beside it, the median of the rounds.
        var ratios = rounds.Select(round => round.Round).Distinct()
            .Where(round => p99.ContainsKey((round, "shm")) && p99.ContainsKey((round, "floor")))
            .Select(round => p99[(round, "shm")] / Math.Max(1, p99[(round, "floor")]))
            .Order()
            .ToList();
        metrics["unpreempted_rounds"] = ratios.Count;
        if (ratios.Count > 0)
        {
            metrics["latency_p99_ratio_to_floor_unpreempted"] = ratios[ratios.Count / 2];
        }
    }
}
