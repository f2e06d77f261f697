using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

/// <summary>The collector suite's gates (benchmarks/AlphaPulse.Bench.Collector).</summary>
partial class Build
{
    [Parameter("Gate: collector parse → book → publish throughput must reach this many messages per second")]
    readonly long CollectorThroughputMinimum = 100_000;

    internal IReadOnlyList<GateRequirement> CollectorGates =>
        [new GateRequirement("throughput_msgs_per_s", CollectorThroughputMinimum, IsLowerBound: true)];
}
