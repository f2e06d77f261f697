using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>Comparisons of a collector's ring with the simulator's ground truth, for every exchange.</summary>
internal static class TruthCheck
{
    public const int Scale = 8;

    /// <summary>
    /// Holds the collector's gate (so nothing is published meanwhile), drains its ring into books and notes each
    /// book's update id (Binance <c>u</c>; the simulator's <c>sim_update_id</c> for Coinbase and Kraken); then compares
    /// every level with the truth at exactly those ids (Kraken: its top <paramref name="depth"/>).
    /// </summary>
    public static async Task AssertRingEqualsTruthAsync(SimulatorProcess simulator, CollectorHost collector, string exchange, string[] truthSymbols, int? depth)
    {
        var runtime = collector.Runtime;
        var ids = new long[truthSymbols.Length];
        using (runtime.Pipeline.Gate.EnterScope())
        {
            _ = collector.Ring.Drain();
            for (ushort id = 0; id < truthSymbols.Length; id++)
            {
                Assert.True(runtime.Publisher.IsLive(id));
                Assert.True(collector.Ring.IsValid(id), $"the ring's book {truthSymbols[id]} is valid");
                ids[id] = runtime.Publisher.Book(id).Sequence;
            }
        }
        Assert.Equal(0, collector.Ring.Lost);

        for (ushort id = 0; id < truthSymbols.Length; id++)
        {
            var (bids, asks) = await simulator.TruthAsync(truthSymbols[id], ids[id], Scale, exchange, depth);
            var book = collector.Ring.Book(id);
            Assert.True(bids.Length >= Math.Min(depth ?? 100, 100) && asks.Length >= Math.Min(depth ?? 100, 100));
            Assert.Equal(bids, RingBooks.Top(book, BookSide.Bid, 10_000));
            Assert.Equal(asks, RingBooks.Top(book, BookSide.Ask, 10_000));
        }
    }

    /// <summary>True once the simulator injected every kind of fault named.</summary>
    /// <summary>
    /// A stall, then an abrupt disconnect: connection faults act once per connection, so one at a time, each
    /// waited for until the collector noticed it and the simulator confirms it injected it.
    /// </summary>
    public static async Task InjectConnectionFaultsAsync(SimulatorProcess simulator, FeedCounters counters, Func<string> state)
    {
        await simulator.AddFaultAsync(new { kind = "stall", after = 1501, ms = 2500, count = 1 });
        await CollectorHost.WaitUntilAsync(() => Task.FromResult(counters.Reconnects(DisconnectReason.Stale) > 0), "a stall detected", state);
        await simulator.ClearFaultsAsync();

        // An aborted socket surfaces as a failed receive (closed) or, when no reset reaches us, as silence (stale).
        var reconnects = counters.Reconnects(DisconnectReason.Closed) + counters.Reconnects(DisconnectReason.Stale);
        await simulator.AddFaultAsync(new { kind = "disconnect", after = 1501, count = 1 });
        await CollectorHost.WaitUntilAsync(async () => counters.Reconnects(DisconnectReason.Closed) + counters.Reconnects(DisconnectReason.Stale) > reconnects
            && await InjectedAsync(simulator, "disconnect"), "a disconnect detected", state);
        await simulator.ClearFaultsAsync();
    }

    public static async Task<bool> InjectedAsync(SimulatorProcess simulator, params string[] kinds)
    {
        var injected = await simulator.InjectedAsync();
        foreach (var kind in kinds)
        {
            if (!injected.TryGetProperty(kind, out var count) || count.GetInt64() == 0)
            {
                return false;
            }
        }
        return true;
    }
}
