using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

/// <summary>The shm suite's gates (benchmarks/AlphaPulse.Bench.Shm): ours against the same-run floor and the Unix socket.</summary>
partial class Build
{
    [Parameter("Gate: shm publish→read p99 latency must stay below this many nanoseconds")]
    readonly long ShmLatencyP99ThresholdNs = 10_000;

    [Parameter("Gate: judge the absolute shm p99 gate only when the same-run floor's p99 is below this many nanoseconds, else report it unmeasurable on this run (0: always judge it)")]
    readonly long ShmLatencyP99MeasurableFloorNs;

    [Parameter("Gate: shm p99 divided by the same-run floor ring's p99 must stay below this")]
    readonly double ShmLatencyP99RatioToFloorMaximum = 1.5;

    [Parameter("Gate: shm p50 divided by the same-run floor ring's p50 must stay below this")]
    readonly double ShmLatencyP50RatioToFloorMaximum = 2;

    [Parameter("Gate: the Unix-socket baseline's p50 must be at least this many times the shm p50, in the same run")]
    readonly double ShmUdsP50RatioMinimum = 20;

    internal IReadOnlyList<GateRequirement> ShmGates =>
    [
        new GateRequirement("latency_p99_ns", ShmLatencyP99ThresholdNs,
            MeasurableWhen: ShmLatencyP99MeasurableFloorNs > 0 ? new GateCondition("floor_latency_p99_ns", ShmLatencyP99MeasurableFloorNs) : null),
        new GateRequirement("latency_p99_ratio_to_floor", ShmLatencyP99RatioToFloorMaximum),
        new GateRequirement("latency_p50_ratio_to_floor", ShmLatencyP50RatioToFloorMaximum),
        new GateRequirement("uds_to_shm_p50_ratio", ShmUdsP50RatioMinimum, IsLowerBound: true),
    ];
}
