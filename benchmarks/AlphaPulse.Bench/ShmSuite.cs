using AlphaPulse.Bench.Reporting;

namespace AlphaPulse.Bench;

/// <summary>
/// The shm suite: micro-benchmarks, then shared memory at a fixed 100k msg/s and at full speed, then
/// the Unix-socket baseline with the same messages and rate, all in one run on the same machine.
/// </summary>
internal static class ShmSuite
{
    private const long FixedRate = 100_000;

    public static Dictionary<string, double> Run(SuiteArguments arguments)
    {
        var quick = arguments.Quick;
        var fixedCount = quick ? 300_000L : 1_000_000L;
        var fullCount = quick ? 2_000_000L : 10_000_000L;
        var warmup = quick ? 50_000L : 100_000L;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            // How busy the machine was when the run started: latency on a shared 2-core host tracks it.
            ["machine_load_1m_at_start"] = MachineLoad.OneMinute(),
        };

        // The floor under every tail below: how much time this machine takes from a lone spinning thread.
        var (stalled, longestGap) = MachineStalls.Measure(cpu: Environment.ProcessorCount - 1, TimeSpan.FromSeconds(quick ? 1 : 3));
        metrics["machine_spin_stalled_percent"] = stalled * 100;
        metrics["machine_spin_longest_gap_ns"] = longestGap;

        var micro = MicroSuite.Run(Path.Combine(arguments.Output, "shm-micro"), quick);
        var publish = micro[nameof(AlphaPulse.Benchmarks.RingBenchmarks.PublishTrade)];
        var publishRead = micro[nameof(AlphaPulse.Benchmarks.RingBenchmarks.PublishAndReadTrade)];
        metrics["micro_publish_trade_ns"] = publish.MeanNs;
        metrics["micro_publish_book_delta_ns"] = micro[nameof(AlphaPulse.Benchmarks.RingBenchmarks.PublishBookDelta)].MeanNs;
        metrics["micro_publish_and_read_trade_ns"] = publishRead.MeanNs;
        metrics["micro_read_trade_ns"] = Math.Max(0, publishRead.MeanNs - publish.MeanNs);
        var allocated = 0L;
        foreach (var (_, result) in micro)
        {
            allocated = Math.Max(allocated, result.AllocatedBytes < 0 ? long.MaxValue : result.AllocatedBytes);
        }

        metrics["alloc_bytes_per_op"] = allocated;

        var scratch = Path.Combine("/dev/shm", "alphapulse-bench-" + Environment.ProcessId);
        _ = Directory.CreateDirectory(scratch);
        try
        {
            var (shm, shmWriter) = LatencyHarness.RunShm(scratch, fixedCount, FixedRate, warmup);
            Latencies(metrics, "latency", shm);
            metrics["latency_publish_to_read_p50_ns"] = shm["pub_p50"];
            metrics["latency_publish_to_read_p99_ns"] = shm["pub_p99"];
            metrics["latency_publish_to_read_p999_ns"] = shm["pub_p999"];
            metrics["latency_publish_to_read_max_ns"] = shm["pub_max"];
            metrics["latency_samples"] = shm["count"];
            metrics["latency_lost"] = shm["lost"];

            var (full, fullWriter) = LatencyHarness.RunShm(scratch, fullCount, 0, warmup);
            metrics["throughput_msgs_per_s"] = fullWriter["rate"];
            Latencies(metrics, "fullspeed_latency", full);
            metrics["fullspeed_received"] = full["count"] + warmup;
            metrics["fullspeed_lost"] = full["lost"];
            metrics["fullspeed_lapped"] = full["lapped"];

            var (uds, _) = LatencyHarness.RunUds(scratch, fixedCount, FixedRate, warmup);
            Latencies(metrics, "uds_latency", uds);
            metrics["uds_to_shm_p50_ratio"] = uds["p50"] / Math.Max(1, shm["p50"]);
            metrics["uds_to_shm_p99_ratio"] = uds["p99"] / Math.Max(1, shm["p99"]);

            metrics["harness_alloc_bytes_per_msg"] = (shm["alloc"] + shmWriter["alloc"] + full["alloc"] + fullWriter["alloc"]) / (2.0 * (fixedCount + fullCount - (2 * warmup)));
            metrics["pinned_and_prioritised"] = Math.Min(shm["pinned"], shmWriter["pinned"]);
            metrics["fixed_rate_msgs_per_s"] = FixedRate;
            metrics["fixed_rate_messages"] = fixedCount;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        metrics["machine_load_1m_at_end"] = MachineLoad.OneMinute();

        return metrics;
    }

    private static void Latencies(Dictionary<string, double> metrics, string prefix, Dictionary<string, double> result)
    {
        metrics[prefix + "_p50_ns"] = result["p50"];
        metrics[prefix + "_p99_ns"] = result["p99"];
        metrics[prefix + "_p999_ns"] = result["p999"];
        metrics[prefix + "_max_ns"] = result["max"];
    }
}
