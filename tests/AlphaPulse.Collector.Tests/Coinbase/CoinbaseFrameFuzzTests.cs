using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Tests.Support;
using CsCheck;
using static AlphaPulse.Collector.Tests.Coinbase.CoinbaseDocs;

namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>Property tests: random and mutated Coinbase frames never throw out of the adapter and never corrupt a book.</summary>
public sealed class CoinbaseFrameFuzzTests
{
    private static readonly string[] Seeds = [Heartbeat, Snapshot, L2Update, Match, Subscriptions, Error, MatchFrame(11, 51, type: "last_match")];

    [Fact]
    public void ShouldNeverThrowOnRandomBytes()
    {
        using var harness = new SessionHarness(new CoinbaseAdapter(), 100, "BTC-USD");
        Gen.Byte.Array[0, 300].Sample(bytes => harness.Send(bytes) is FrameOutcome.Malformed or FrameOutcome.Unknown, iter: 5_000);
    }

    [Fact]
    public void ShouldNeverThrowOnMutatedDocumentedMessages()
    {
        using var harness = new SessionHarness(new CoinbaseAdapter(), 100, "BTC-USD");
        Gen.Select(Gen.Int[0, Seeds.Length - 1], FrameMutations.Any).Sample((seed, mutate) => _ = harness.Send(mutate(Encoding.UTF8.GetBytes(Seeds[seed]))), iter: 20_000);
    }

    [Fact]
    public void ShouldKeepTheRingsBookEqualToTheCollectorsWhateverTheFramesDo() =>
        Gen.Select(Gen.Int[0, 4], FrameMutations.Any).Array[40, 120].Sample(steps =>
        {
            using var harness = new SessionHarness(new CoinbaseAdapter(), 100, "BTC-USD");
            var random = new Random(steps.Length);
            _ = harness.Send(Book("""[["1.00","1"]]""", """[["2.00","1"]]"""));
            var tradeId = 1;
            foreach (var (kind, mutate) in steps)
            {
                // kind 0: an update mutated; 1: a fresh snapshot; 2: a match, sometimes skipping ids; 3, 4: an update as is.
                var frame = kind switch
                {
                    1 => Book(Changes(random, 1, "").Replace("\"\",", "", StringComparison.Ordinal), "[]"),
                    2 => MatchFrame(tradeId += random.Next(1, 3), tradeId),
                    _ => Update(Changes(random, 1, "buy")[..^1] + "," + Changes(random, 2, "sell")[1..]),
                };
                _ = harness.Send(kind == 0 ? mutate(Encoding.UTF8.GetBytes(frame)) : Encoding.UTF8.GetBytes(frame));
            }
            VenueFuzz.AssertRingHoldsTheCollectorsBook(harness);
        }, iter: 200);

    /// <summary>Up to three <c>[side, price, size]</c> changes at units.01–units.98 (bids 1.xx, asks 2.xx never cross); an empty side label makes snapshot pairs.</summary>
    private static string Changes(Random random, int units, string side)
    {
        var changes = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            $"[\"{side}\",\"{ReferenceBook.Price((units * 100) + random.Next(1, 99))}\",\"{random.Next(0, 3)}\"]");
        return "[" + string.Join(',', changes) + "]";
    }
}
