using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>
/// The collector against the real simulator over real WebSockets and REST: the book read back from the
/// ring equals the simulator's ground truth, and every injected fault is detected, counted and healed.
/// </summary>
public sealed class CollectorAgainstSimulatorTests
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    [Fact]
    public async Task ShouldHoldTheSimulatorsTruthInTheRingAfterThousandsOfMessages()
    {
        await using var simulator = await SimulatorProcess.StartAsync(rate: 4000, depth: 1000, seed: 11);
        await using var collector = await CollectorHost.StartAsync(simulator);

        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready");
        await CollectorHost.WaitUntilAsync(() => Task.FromResult(collector.Runtime.Counters.Messages(FrameOutcome.Book) >= 8000), "8000 book messages");

        await AssertRingEqualsTruthAsync(simulator, collector);
        Assert.Equal(0, collector.Runtime.Counters.Messages(FrameOutcome.Malformed));
        Assert.Equal(0, collector.Runtime.Counters.Resyncs(ResyncReason.Gap));
        Assert.True(collector.Runtime.Counters.Messages(FrameOutcome.Trade) > 0);
        Assert.True(collector.Runtime.Counters.CompressionRatio > 0.95);
        Assert.Contains("alphapulse_collector_delta_compression_ratio{exchange=\"binance\",replica=\"test\"} 0.9", await collector.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldDetectCountAndHealEveryInjectedFault()
    {
        await using var simulator = await SimulatorProcess.StartAsync(rate: 4000, depth: 300, seed: 12);
        await using var collector = await CollectorHost.StartAsync(simulator, ("STALE_FEED_SECONDS", "1"), ("RECONNECT_INITIAL_MS", "50"));
        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready before faults");

        var counters = collector.Runtime.Counters;
        string State() => $"gaps={counters.Messages(FrameOutcome.Gap)} duplicates={counters.Messages(FrameOutcome.Duplicate)} malformed={counters.Messages(FrameOutcome.Malformed)} stale={counters.Reconnects(DisconnectReason.Stale)} closed={counters.Reconnects(DisconnectReason.Closed)} book={counters.Messages(FrameOutcome.Book)}";

        // Message faults, all at once (thresholds coprime so no two rules pick the same message).
        await simulator.AddFaultAsync(new { kind = "gap", every = 701 });
        await simulator.AddFaultAsync(new { kind = "dup", every = 503 });
        await simulator.AddFaultAsync(new { kind = "reorder", every = 907 });
        await simulator.AddFaultAsync(new { kind = "malformed", every = 601 });
        await simulator.AddFaultAsync(new { kind = "corrupt", every = 1103 });
        await CollectorHost.WaitUntilAsync(async () => counters.Messages(FrameOutcome.Gap) > 0 && counters.Messages(FrameOutcome.Duplicate) > 0 && counters.Messages(FrameOutcome.Malformed) > 0
            && await TruthCheck.InjectedAsync(simulator, "gap", "dup", "reorder", "malformed", "corrupt"), "message faults detected", State);
        await simulator.ClearFaultsAsync();

        await TruthCheck.InjectConnectionFaultsAsync(simulator, counters, State);

        var metrics = await collector.MetricsAsync();
        Assert.Matches(@"alphapulse_collector_sequence_gaps_total\{[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_parse_errors_total\{[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_messages_total\{[^}]*type=""duplicate""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_resyncs_total\{[^}]*reason=""gap""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_reconnects_total\{[^}]*reason=""stale""[^}]*\} [1-9]", metrics);

        // Healed: ready again, then the ring's books equal the truth.
        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready after faults");
        var healedAt = counters.Messages(FrameOutcome.Book);
        await CollectorHost.WaitUntilAsync(() => Task.FromResult(counters.Messages(FrameOutcome.Book) >= healedAt + 1000 && collector.Runtime.IsReady), "1000 more book messages");
        await AssertRingEqualsTruthAsync(simulator, collector);
    }

    private static Task AssertRingEqualsTruthAsync(SimulatorProcess simulator, CollectorHost collector) =>
        TruthCheck.AssertRingEqualsTruthAsync(simulator, collector, "binance", Symbols, depth: null);
}
