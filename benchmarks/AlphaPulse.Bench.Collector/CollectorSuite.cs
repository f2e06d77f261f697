using System.Diagnostics;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// The collector suite: record a deterministic Binance stream, warm the pipeline up, then time several
/// passes on one core and report the median pass. Single-threaded.
/// </summary>
internal static class CollectorSuite
{
    private const int Seed = 20_240_101;

    public static int Run(SuiteArguments arguments)
    {
        // One core: the process may run only on CPU 0, and this thread does all the work.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        var frames = arguments.Quick ? 200_000 : 1_000_000;
        var passes = arguments.Quick ? 3 : 5;
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

        Console.WriteLine($"collector suite: recording {frames:N0} Binance frames (seed {Seed})");
        var recording = new BinanceRecording(frames, Seed);
        Console.WriteLine($"  {recording.Bytes / (1024 * 1024)} MiB, {recording.TradeCount:N0} trades; warming up");
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
        var metrics = new Dictionary<string, double>
        {
            ["throughput_msgs_per_s"] = median.Messages / median.Seconds,
            ["throughput_best_msgs_per_s"] = results[0].Messages / results[0].Seconds,
            ["ns_per_msg"] = median.Seconds * 1e9 / median.Messages,
            ["alloc_bytes_per_msg"] = (double)median.AllocatedBytes / median.Messages,
            ["bytes_per_msg"] = (double)recording.Bytes / recording.Count,
            ["messages"] = median.Messages,
            ["ring_records"] = median.Records,
            ["delta_compression_ratio"] = median.CompressionRatio,
            ["errors_and_resyncs"] = median.Resyncs,
        };
        var (path, passed) = SuiteReport.Write(arguments.Output, metrics, arguments.Gates);
        Console.WriteLine($"collector suite: {metrics["throughput_msgs_per_s"]:N0} msg/s (median of {passes}), {metrics["alloc_bytes_per_msg"]:F3} B/msg, compression {median.CompressionRatio:F4} → {path}");
        return passed && median.Resyncs == 0 ? 0 : 1;
    }
}
