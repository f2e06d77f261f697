using AlphaPulse.Bench.Reporting;
using AlphaPulse.Bench.Shm.Micro;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The shm suite. Latency first, while this process has run nothing else: our ring and the
/// reference ring (<see cref="FloorRoles"/>, the machine's floor) at a fixed 100k msg/s in
/// alternating rounds, so that a noisy neighbour lands on both; then our ring at full speed, the
/// Unix-socket baseline, the machine's stall rate, and the in-process micro-benchmarks last.
/// </summary>
internal static class ShmSuite
{
    private const long FixedRate = 100_000;

    public static Dictionary<string, double> Run(SuiteArguments arguments)
    {
        var quick = arguments.Quick;

        // Quick: 3 rounds of 100k messages each (~25 s in all); full: 5 rounds of 2M, 10M messages per ring.
        var rounds = quick ? 3 : 5;
        var roundCount = quick ? 100_000L : 2_000_000L;
        var warmup = quick ? 20_000L : 100_000L;
        var fullCount = quick ? 1_000_000L : 10_000_000L;
        var udsCount = quick ? 200_000L : 1_000_000L;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            // How busy the machine was when the run started: latency on a shared 2-core host tracks it.
            ["machine_load_1m_at_start"] = MachineLoad.OneMinute(),
        };

        var scratch = Path.Combine("/dev/shm", "alphapulse-bench-" + Environment.ProcessId);
        _ = Directory.CreateDirectory(scratch);
        try
        {
            var measured = new List<MeasuredThread>();
            using var tracing = SchedulerTracing.StartIfRequested();

            var (ours, floor) = (new MergedLatency(), new MergedLatency());
            var (p99Ratios, p50Ratios) = (new List<double>(), new List<double>());
            var (writerAlloc, readerAlloc, pinned) = (0.0, 0.0, 1.0);
            var hops = new List<RoundHops>();
            for (var round = 0; round < rounds; round++)
            {
                var results = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
                foreach (var (kind, merged) in new[] { ("shm", ours), ("floor", floor) })
                {
                    var (reader, writer) = LatencyHarness.RunRing(kind, scratch, roundCount + warmup, FixedRate, warmup, HarnessSettings.Default, measured);
                    var ring = Path.Combine(scratch, kind + ".ring");
                    var histogramPath = ring + LatencyRecorder.HistogramSuffix;
                    merged.Add(reader, histogramPath);
                    var (writerPid, readerPid) = (measured[^2].Tid, measured[^1].Tid);
                    var stalls = StallLog.Read(ring + StallLog.WriterSuffix, writerPid).Concat(StallLog.Read(ring + StallLog.ReaderSuffix, readerPid)).ToList();
                    hops.Add(new RoundHops(round, kind, writerPid, readerPid, HopSamples.Read(histogramPath), stalls));
                    results[kind] = reader;
                    pinned = Math.Min(pinned, Math.Min(reader["pinned"], writer["pinned"]));
                    if (kind == "shm")
                    {
                        (writerAlloc, readerAlloc) = (writerAlloc + writer["alloc"], readerAlloc + reader["alloc"]);
                    }
                }

                p99Ratios.Add(results["shm"]["p99"] / Math.Max(1, results["floor"]["p99"]));
                p50Ratios.Add(results["shm"]["p50"] / Math.Max(1, results["floor"]["p50"]));
            }

            var preemptions = tracing?.Analyse(measured);
            if (preemptions is not null)
            {
                Report(preemptions, metrics, arguments.Output);
            }

            UnstalledLatency.Report(hops, preemptions, metrics);

            ours.Report(metrics, "latency");
            floor.Report(metrics, "floor_latency");

            // Each round's ratio compares ours with the floor run just after it; the median of the
            // rounds keeps one neighbour's burst, landing on one ring only, from deciding the gate.
            metrics["latency_p99_ratio_to_floor"] = Median(p99Ratios);
            metrics["latency_p50_ratio_to_floor"] = Median(p50Ratios);
            metrics["latency_p99_ratio_to_floor_merged"] = ours.Percentile(99) / Math.Max(1, floor.Percentile(99));
            metrics["latency_p50_ratio_to_floor_merged"] = ours.Percentile(50) / Math.Max(1, floor.Percentile(50));
            metrics["fixed_rate_msgs_per_s"] = FixedRate;
            metrics["fixed_rate_rounds"] = rounds;
            metrics["pinned_and_prioritised"] = pinned;
            metrics["machine_load_1m_after_latency"] = MachineLoad.OneMinute();

            var (full, fullWriter) = LatencyHarness.RunRing("shm", scratch, fullCount, 0, warmup, HarnessSettings.Default);
            metrics["throughput_msgs_per_s"] = fullWriter["rate"];
            metrics["fullspeed_latency_p50_ns"] = full["p50"];
            metrics["fullspeed_latency_p99_ns"] = full["p99"];
            metrics["fullspeed_received"] = full["count"] + warmup;
            metrics["fullspeed_lost"] = full["lost"];
            metrics["fullspeed_lapped"] = full["lapped"];
            metrics["harness_alloc_bytes_per_msg"] = (writerAlloc + readerAlloc + full["alloc"] + fullWriter["alloc"]) / ((rounds * roundCount) + fullCount - warmup);

            var (uds, _) = LatencyHarness.RunUds(scratch, udsCount, FixedRate, warmup);
            metrics["uds_latency_p50_ns"] = uds["p50"];
            metrics["uds_latency_p99_ns"] = uds["p99"];
            metrics["uds_latency_p999_ns"] = uds["p999"];
            metrics["uds_to_shm_p50_ratio"] = uds["p50"] / Math.Max(1, ours.Percentile(50));
            metrics["uds_to_shm_p99_ratio"] = uds["p99"] / Math.Max(1, ours.Percentile(99));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        // How much time this machine takes from a lone spinning thread: context for every tail above.
        var (stalled, longestGap) = MachineStalls.Measure(cpu: Environment.ProcessorCount - 1, TimeSpan.FromSeconds(quick ? 1 : 3));
        metrics["machine_spin_stalled_percent"] = stalled * 100;
        metrics["machine_spin_longest_gap_ns"] = longestGap;

        Micro(metrics, Path.Combine(arguments.Output, "shm-micro"), quick);
        metrics["machine_load_1m_at_end"] = MachineLoad.OneMinute();
        return metrics;
    }

    /// <summary>Who took the measured cores during the latency rounds (ours and the floor's): figures and shm-preemptions.md.</summary>
    private static void Report(Preemptions preemptions, Dictionary<string, double> metrics, string output)
    {
        metrics["sched_preemptions"] = preemptions.Count;
        metrics["sched_preempted_ms"] = preemptions.TotalNs / 1e6;
        metrics["sched_longest_preemption_us"] = preemptions.LongestNs / 1e3;
        var table = preemptions.ToMarkdown(top: 15);
        _ = Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "shm-preemptions.md"), "# What took the measured cores during the shm latency rounds\n\n" + table);
        Console.WriteLine(table);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>BenchmarkDotNet in this process: last, because it leaves JIT and GC work behind it.</summary>
    private static void Micro(Dictionary<string, double> metrics, string artifacts, bool quick)
    {
        var micro = MicroSuite.Run(artifacts, quick);
        var publish = micro[nameof(RingBenchmarks.PublishTrade)];
        var publishRead = micro[nameof(RingBenchmarks.PublishAndReadTrade)];
        metrics["micro_publish_trade_ns"] = publish.MeanNs;
        metrics["micro_publish_book_delta_ns"] = micro[nameof(RingBenchmarks.PublishBookDelta)].MeanNs;
        metrics["micro_publish_and_read_trade_ns"] = publishRead.MeanNs;
        metrics["micro_read_trade_ns"] = Math.Max(0, publishRead.MeanNs - publish.MeanNs);
        var allocated = 0L;
        foreach (var (_, result) in micro)
        {
            allocated = Math.Max(allocated, result.AllocatedBytes < 0 ? long.MaxValue : result.AllocatedBytes);
        }

        metrics["alloc_bytes_per_op"] = allocated;
    }
}
