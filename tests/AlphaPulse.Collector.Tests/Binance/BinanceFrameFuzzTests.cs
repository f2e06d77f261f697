using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Tests.Support;
using CsCheck;
using static AlphaPulse.Collector.Tests.Binance.BinanceDocs;

namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>Property tests: random and mutated frames never throw out of the adapter and never corrupt a book.</summary>
public sealed class BinanceFrameFuzzTests
{
    private static readonly string[] Seeds = [DepthUpdate, Trade, Snapshot, SubscribeReply, Error, Depth(1, 2), TradeFrame(7, true)];

    [Fact]
    public void ShouldNeverThrowOnRandomBytes()
    {
        using var harness = new SessionHarness("BNB-BTC");
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var outcome = harness.Send(bytes);
            return outcome is FrameOutcome.Malformed or FrameOutcome.Unknown or FrameOutcome.Control or FrameOutcome.ExchangeError;
        }, iter: 5_000);
    }

    [Fact]
    public void ShouldNeverThrowOnMutatedDocumentedMessages()
    {
        using var harness = new SessionHarness("BNB-BTC");
        Gen.Select(Gen.Int[0, Seeds.Length - 1], FrameMutations.Any).Sample((seed, mutate) =>
        {
            _ = harness.Send(mutate(Encoding.UTF8.GetBytes(Seeds[seed])));
        }, iter: 20_000);
    }

    [Fact]
    public void ShouldKeepTheRingsBookEqualToTheCollectorsWhateverTheFramesDo()
    {
        var stream = Gen.Select(Gen.Int[0, 3], FrameMutations.Any).Array[40, 120];
        stream.Sample(steps =>
        {
            using var harness = new SessionHarness(depth: 5000, "BNB-BTC");
            var next = 100L;
            _ = harness.Send(Depth(next, next, "[]", "[]"));
            harness.Snapshots.Complete(0, SnapshotBody(next, bids: """[["1.00","1"]]""", asks: """[["2.00","1"]]"""));
            var random = new Random(steps.Length);
            foreach (var (kind, mutate) in steps)
            {
                next++;
                var frame = Encoding.UTF8.GetBytes(Depth(next, next, Levels(random, 1), Levels(random, 2)));
                // kind 0: the frame mutated; 1: dropped (a gap); 2: sent twice; 3: sent as is.
                if (kind == 0)
                {
                    _ = harness.Send(mutate(frame));
                }
                else if (kind >= 2)
                {
                    _ = harness.Send(frame);
                    if (kind == 2)
                    {
                        _ = harness.Send(frame);
                    }
                }
                harness.Snapshots.CompletePending(SnapshotBody(next, bids: """[["1.00","1"]]""", asks: """[["2.00","1"]]"""));
            }

            VenueFuzz.AssertRingHoldsTheCollectorsBook(harness);
        }, iter: 200);
    }

    /// <summary>Up to three levels at <paramref name="units"/>.01 to <paramref name="units"/>.98: bids at 1.xx, asks at 2.xx never cross.</summary>
    private static string Levels(Random random, int units)
    {
        var builder = new StringBuilder("[");
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            _ = builder.Append(i > 0 ? "," : "").Append("[\"").Append(units).Append('.').Append(random.Next(1, 99).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append("\",\"").Append(random.Next(0, 3)).Append("\"]");
        }
        return builder.Append(']').ToString();
    }
}
