using System.Globalization;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Pipeline;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>
/// The Coinbase and Kraken collectors against the real simulator over real WebSockets: the book read back from the
/// ring equals the simulator's truth after thousands of messages, and every injected fault is detected and healed.
/// The feed URL asks for the simulator's <c>sim_update_id</c> (a test extension), which the collector keeps as its
/// internal book sequence so the truth can be asked for at exactly the book's state.
/// </summary>
public sealed class VenuesAgainstSimulatorTests
{
    private static readonly string[] Symbols = ["BTC-USD", "ETH-USD"];

    [Theory]
    [InlineData("coinbase")]
    [InlineData("kraken")]
    public async Task ShouldHoldTheSimulatorsTruthInTheRingAfterThousandsOfMessages(string exchange)
    {
        await using var simulator = await SimulatorProcess.StartAsync(rate: 4000, depth: 1000, seed: 21, symbols: string.Join(',', Symbols));
        await using var collector = await StartAsync(simulator, exchange);
        var counters = collector.Runtime.Counters;

        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready");
        await CollectorHost.WaitUntilAsync(() => Task.FromResult(counters.Messages(FrameOutcome.Book) >= 6000 && counters.Messages(FrameOutcome.Trade) > 0), "6000 book messages and a trade");

        await TruthCheck.AssertRingEqualsTruthAsync(simulator, collector, exchange, Symbols, Depth(exchange));
        Assert.Equal(0, counters.Messages(FrameOutcome.Malformed));
        Assert.Equal(0, counters.Resyncs(ResyncReason.Gap) + counters.Resyncs(ResyncReason.Checksum));
        Assert.Matches($"alphapulse_collector_messages_total{{[^}}]*exchange=\"{exchange}\"", await collector.MetricsAsync());
    }

    [Theory]
    [InlineData("coinbase")]
    [InlineData("kraken")]
    public async Task ShouldDetectCountAndHealEveryInjectedFault(string exchange)
    {
        await using var simulator = await SimulatorProcess.StartAsync(rate: 4000, depth: 300, seed: 22, symbols: string.Join(',', Symbols));
        await using var collector = await StartAsync(simulator, exchange, ("STALE_FEED_SECONDS", "1"), ("RECONNECT_INITIAL_MS", "50"));
        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready before faults");
        var counters = collector.Runtime.Counters;
        string State() => $"gaps={counters.Messages(FrameOutcome.Gap)} duplicates={counters.Messages(FrameOutcome.Duplicate)} malformed={counters.Messages(FrameOutcome.Malformed)} checksum={counters.Resyncs(ResyncReason.Checksum)} stale={counters.Reconnects(DisconnectReason.Stale)} closed={counters.Reconnects(DisconnectReason.Closed)} book={counters.Messages(FrameOutcome.Book)} trades={counters.Messages(FrameOutcome.Trade)}";

        // Message faults at once, thresholds coprime. Coinbase: gap and corrupt hit matches (trade_id skips, sequence
        // repeats), seen through trade ids, sequences and heartbeats. Kraken: a dropped or corrupt book update breaks the checksum.
        await simulator.AddFaultAsync(new { kind = "gap", every = 211 });
        await simulator.AddFaultAsync(new { kind = "dup", every = 103 });
        await simulator.AddFaultAsync(new { kind = "reorder", every = 307 });
        await simulator.AddFaultAsync(new { kind = "malformed", every = 401 });
        await simulator.AddFaultAsync(new { kind = "corrupt", every = 163 });
        await CollectorHost.WaitUntilAsync(async () => counters.Messages(FrameOutcome.Gap) > 0 && counters.Messages(FrameOutcome.Duplicate) > 0 && counters.Messages(FrameOutcome.Malformed) > 0
            && (exchange != "kraken" || counters.Resyncs(ResyncReason.Checksum) > 1)
            && await TruthCheck.InjectedAsync(simulator, "gap", "dup", "reorder", "malformed", "corrupt"), "message faults detected", State);
        await simulator.ClearFaultsAsync();

        await TruthCheck.InjectConnectionFaultsAsync(simulator, counters, State);

        var metrics = await collector.MetricsAsync();
        Assert.Matches(@"alphapulse_collector_parse_errors_total\{[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_resyncs_total\{[^}]*reason=""(gap|checksum)""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"alphapulse_collector_reconnects_total\{[^}]*reason=""stale""[^}]*\} [1-9]", metrics);

        // Healed: ready again, then the ring's books equal the truth.
        await CollectorHost.WaitUntilAsync(collector.IsReadyAsync, "/ready after faults");
        var healedAt = counters.Messages(FrameOutcome.Book);
        await CollectorHost.WaitUntilAsync(() => Task.FromResult(counters.Messages(FrameOutcome.Book) >= healedAt + 1000 && collector.Runtime.IsReady), "1000 more book messages");
        await TruthCheck.AssertRingEqualsTruthAsync(simulator, collector, exchange, Symbols, Depth(exchange));
    }

    private static int? Depth(string exchange) => exchange == "kraken" ? 100 : null;

    private static Task<CollectorHost> StartAsync(SimulatorProcess simulator, string exchange, params (string, string)[] overrides) =>
        CollectorHost.StartAsync(simulator, [
            ("EXCHANGE", exchange),
            ("SYMBOLS", string.Join(',', Symbols)),
            ("FEED_URL", $"ws://127.0.0.1:{simulator.Port.ToString(CultureInfo.InvariantCulture)}/{(exchange == "kraken" ? "kraken/v2" : "coinbase")}?updateIds=true"),
            ("BOOK_DEPTH", (Depth(exchange) ?? 5000).ToString(CultureInfo.InvariantCulture)),
            .. overrides]);
}
