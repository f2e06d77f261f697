using AlphaPulse.Build.Benchmarks;
using AlphaPulse.Build.Engine;

/// <summary>The websocket suite's gates (benchmarks/AlphaPulse.Bench.WebSocket), against the same-run Node ws baseline.</summary>
partial class Build
{
    [Parameter("Gate: WebSocket publish → client receive p99 at 1,000 clients must stay below this many milliseconds")]
    readonly double WebSocketLatencyP99ThresholdMs = 1;

    [Parameter("Gate: WebSocket p99 at 1,000 clients divided by the Node ws baseline's p99 in the same run must stay below this")]
    readonly double WebSocketLatencyP99RatioToNodeMaximum = 2;

    [Parameter("Gate: WebSocket delivered messages/s at saturation must be at least this many times the Node ws baseline's in the same run")]
    readonly double WebSocketThroughputRatioToNodeMinimum = 3;

    [Parameter("Gate: WebSocket server memory per connection (RSS growth per client) divided by the Node ws baseline's in the same run must stay below this, at 1,000 clients and (full runs) 10,000")]
    readonly double WebSocketMemoryPerConnectionRatioToNodeMaximum = 1;

    // --quick runs 1,000 clients only; the 10,000-client gates are required of full runs.
    internal IReadOnlyList<GateRequirement> WebSocketGates =>
    [
        new GateRequirement("latency_p99_ms_1k", WebSocketLatencyP99ThresholdMs),
        new GateRequirement("latency_p99_ratio_vs_node_1k", WebSocketLatencyP99RatioToNodeMaximum),
        new GateRequirement("throughput_ratio_vs_node_1k", WebSocketThroughputRatioToNodeMinimum, IsLowerBound: true),
        new GateRequirement("memory_per_connection_ratio_to_node_1k", WebSocketMemoryPerConnectionRatioToNodeMaximum),
        .. Quick ? Array.Empty<GateRequirement>() :
        [
            new GateRequirement("disconnects_10k", 1),
            new GateRequirement("clients_held_10k", 10_000, IsLowerBound: true),
            new GateRequirement("memory_per_connection_ratio_to_node_10k", WebSocketMemoryPerConnectionRatioToNodeMaximum),
        ],
    ];
}
