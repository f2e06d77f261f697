using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

/// <summary>The bindings suite's gates (benchmarks/AlphaPulse.Bench.Bindings): what one read costs a Python caller.</summary>
partial class Build
{
    [Parameter("Gate: one Reader.read_batch(1) through the native library must cost less than this many nanoseconds")]
    readonly long BindingsSingleReadThresholdNs = 10_000;

    [Parameter("Gate: Reader.read_batch(4096) through the native library must cost less than this many nanoseconds per record, amortised")]
    readonly long BindingsBatchReadThresholdNs = 1_000;

    internal IReadOnlyList<GateRequirement> BindingsGates =>
    [
        new GateRequirement("native_single_read_ns", BindingsSingleReadThresholdNs),
        new GateRequirement("native_batch_read_ns", BindingsBatchReadThresholdNs),
    ];
}
