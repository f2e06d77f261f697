using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace AlphaPulse.Bench.Shm.Micro;

/// <summary>
/// Runs the BenchmarkDotNet micro-benchmarks in this process (no per-benchmark project build, so the
/// quick suite fits in its minute) and returns mean ns and allocated bytes per operation by method.
/// </summary>
internal static class MicroSuite
{
    public static Dictionary<string, (double MeanNs, long AllocatedBytes)> Run(string artifacts, bool quick)
    {
        var job = new Job("shm")
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 2 : 5)
            .WithIterationCount(quick ? 5 : 15)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 60 : 250));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full)
            .WithArtifactsPath(artifacts);

        var summary = BenchmarkRunner.Run<RingBenchmarks>(config);
        var results = new Dictionary<string, (double, long)>(StringComparer.Ordinal);
        foreach (var report in summary.Reports)
        {
            var mean = report.ResultStatistics?.Mean
                ?? throw new InvalidOperationException($"micro-benchmark produced no measurement: {report.BenchmarkCase.DisplayInfo} (see {artifacts})");
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            results[report.BenchmarkCase.Descriptor.WorkloadMethod.Name] = (mean, allocated);
        }

        return results;
    }
}
