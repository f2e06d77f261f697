using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings.TestWriter;

/// <summary>
/// A scripted two-exchange market for the analytics service's tests: exchanges <c>alpha</c> and <c>beta</c> quote
/// BTC-USD (prices at scale 2, sizes at 4) so that buying on alpha and selling on beta pays after fees; alpha trades
/// three times (the first outside a 60 s VWAP window). After "ready" and a line on stdin, beta's bid drops below
/// alpha's ask and the opportunity closes ("done").
/// </summary>
internal static class MarketScenario
{
    private static readonly RingOptions Options = new() { SlotSize = 256, SlotCount = 1024, Instruments = [new InstrumentSpec("BTC-USD", 2, 4)] };

    public static void Run(string directory)
    {
        using var alpha = RingWriter.Open(Path.Combine(directory, "alpha-a.ring"), Options);
        using var beta = RingWriter.Open(Path.Combine(directory, "beta-a.ring"), Options);
        _ = alpha.PublishBookSnapshot(0, 1, 0, [new(10_000, 20_000), new(9_990, 10_000)], [new(10_050, 5_000)]);
        _ = beta.PublishBookSnapshot(0, 1, 0, [new(10_120, 3_000)], [new(10_160, 10_000)]);
        const long second = 1_000_000_000;
        _ = alpha.PublishTrade(new Trade(0, 5_000, 10_000, TradeSide.Buy, 1, 1_000 * second, 0));
        _ = alpha.PublishTrade(new Trade(0, 10_000, 10_000, TradeSide.Sell, 2, 1_100 * second, 0));
        _ = alpha.PublishTrade(new Trade(0, 10_100, 30_000, TradeSide.Buy, 3, 1_101 * second, 0));
        Console.WriteLine("ready");
        _ = Console.ReadLine();
        _ = beta.PublishBookDelta(0, 2, 0, [new(10_120, 0), new(10_040, 3_000)], [], RecordFlags.BatchEnd);
        Console.WriteLine("done");
        _ = Console.ReadLine();
    }
}
