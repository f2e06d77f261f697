using AlphaPulse.Bench.Reporting;
using AlphaPulse.Core;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// The collector suite: for each exchange (Binance, Coinbase, Kraken) record a deterministic stream, warm the
/// pipeline up, time several passes on one core and report the median pass; then the cost of Kraken's checksum.
/// <c>throughput_msgs_per_s</c> is the slowest exchange's, <c>alloc_bytes_per_msg</c> the most allocating one's.
/// Single-threaded.
/// </summary>
internal static class CollectorSuite
{
    private const int Seed = 20_240_101;

    public static int Run(SuiteArguments arguments)
    {
        // One core: every thread of the process on CPU 0 (this thread does all the work), unless
        // BENCH_PIN_CPUS says otherwise ("none": unpinned, as a collector without PIN_CPUS runs).
        var pin = Environment.GetEnvironmentVariable("BENCH_PIN_CPUS") ?? "0";
        if (pin != "none" && !ProcessAffinity.TryPin([.. pin.Split(',').Select(cpu => int.Parse(cpu, System.Globalization.CultureInfo.InvariantCulture))], out var refused))
        {
            Console.Error.WriteLine($"collector suite: BENCH_PIN_CPUS must list cores this process may use, or none: BENCH_PIN_CPUS='{pin}': {refused}");
            return 2;
        }
        var frames = arguments.Quick ? 200_000 : 1_000_000;
        var passes = arguments.Quick ? 3 : 5;
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

        var metrics = new Dictionary<string, double>();
        var resyncs = 0L;
        foreach (var create in (Func<int, int, IVenueRecording>[])[(f, s) => new BinanceRecording(f, s), (f, s) => new CoinbaseRecording(f, s), (f, s) => new KrakenRecording(f, s)])
        {
            var recording = create(frames, Seed);
            Console.WriteLine($"collector suite: {recording.Exchange}: recorded {frames:N0} frames (seed {Seed}), {recording.Frames.Bytes / (1024 * 1024)} MiB, {recording.TradeCount:N0} trades; warming up");
            _ = ThroughputRun.Run(recording, directory);
            var results = new List<ThroughputRun.Result>();
            for (var pass = 0; pass < passes; pass++)
            {
                var result = ThroughputRun.Run(recording, directory);
                results.Add(result);
                Console.WriteLine($"  pass {pass + 1}: {result.Messages / result.Seconds:N0} msg/s, {(double)result.AllocatedBytes / result.Messages:F3} B/msg allocated");
            }
            results.Sort((a, b) => a.Seconds.CompareTo(b.Seconds));
            var median = results[results.Count / 2];
            var name = recording.Exchange;
            metrics[$"{name}_throughput_msgs_per_s"] = median.Messages / median.Seconds;
            metrics[$"{name}_throughput_best_msgs_per_s"] = results[0].Messages / results[0].Seconds;
            metrics[$"{name}_ns_per_msg"] = median.Seconds * 1e9 / median.Messages;
            metrics[$"{name}_publish_latency_p50_ns"] = Median(results, r => r.PublishLatency.P50);
            metrics[$"{name}_publish_latency_p99_ns"] = Median(results, r => r.PublishLatency.P99);
            metrics[$"{name}_publish_latency_p999_ns"] = Median(results, r => r.PublishLatency.P999);
            metrics[$"{name}_alloc_bytes_per_msg"] = (double)median.AllocatedBytes / median.Messages;
            metrics[$"{name}_bytes_per_msg"] = (double)recording.Frames.Bytes / recording.Frames.Count;
            metrics[$"{name}_ring_records"] = median.Records;
            metrics[$"{name}_delta_compression_ratio"] = median.CompressionRatio;
            metrics[$"{name}_errors_and_resyncs"] = median.Resyncs;
            resyncs += median.Resyncs;
        }

        string[] exchanges = ["binance", "coinbase", "kraken"];
        metrics["throughput_msgs_per_s"] = exchanges.Min(e => metrics[$"{e}_throughput_msgs_per_s"]);
        metrics["alloc_bytes_per_msg"] = exchanges.Max(e => metrics[$"{e}_alloc_bytes_per_msg"]);
        metrics["kraken_checksum_ns"] = ChecksumCost.NanosecondsPerChecksum(arguments.Quick ? 200_000 : 1_000_000);
        metrics["errors_and_resyncs"] = resyncs;
        metrics["tiered_compilation"] = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is "0" ? 0 : 1;
        metrics["pinned_cpus"] = pin == "none" ? 0 : pin.Split(',').Length;

        var (path, _) = SuiteReport.Write(arguments.Output, arguments.Suite, metrics, arguments.Gates);
        foreach (var exchange in exchanges)
        {
            Console.WriteLine($"collector suite: {exchange} {metrics[$"{exchange}_throughput_msgs_per_s"]:N0} msg/s (median of {passes}), {metrics[$"{exchange}_alloc_bytes_per_msg"]:F3} B/msg, compression {metrics[$"{exchange}_delta_compression_ratio"]:F4}");
        }
        Console.WriteLine($"collector suite: kraken checksum {metrics["kraken_checksum_ns"]:F0} ns; slowest {metrics["throughput_msgs_per_s"]:N0} msg/s → {path}");
        // Gates are the build's to judge from the report; a resync means the recorded stream was not replayed faithfully.
        if (resyncs != 0)
        {
            Console.Error.WriteLine($"collector suite: {resyncs} errors or resyncs while replaying recorded streams: the pipeline rejected valid input");
            return 1;
        }
        return 0;
    }

    private static double Median(List<ThroughputRun.Result> results, Func<ThroughputRun.Result, long> field)
    {
        var values = results.Select(field).Order().ToArray();
        return values[values.Length / 2];
    }
}
