using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Tests.Support;
using CsCheck;
using static AlphaPulse.Collector.Tests.Kraken.KrakenDocs;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>Property tests: random and mutated Kraken frames never throw out of the adapter and never corrupt a book (checksums included).</summary>
public sealed class KrakenFrameFuzzTests
{
    private const int Depth = 10;
    private static readonly string[] Seeds = [Status, Heartbeat, Pong, BookSnapshot, BookUpdate, KrakenDocs.Trade, SubscribeAck, Error];

    [Fact]
    public void ShouldNeverThrowOnRandomBytes()
    {
        using var harness = Kraken();
        Gen.Byte.Array[0, 300].Sample(bytes => harness.Send(bytes) is FrameOutcome.Malformed or FrameOutcome.Unknown, iter: 5_000);
    }

    [Fact]
    public void ShouldNeverThrowOnMutatedDocumentedMessages()
    {
        using var harness = Kraken();
        Gen.Select(Gen.Int[0, Seeds.Length - 1], FrameMutations.Any).Sample((seed, mutate) => _ = harness.Send(mutate(Encoding.UTF8.GetBytes(Seeds[seed]))), iter: 20_000);
    }

    [Fact]
    public void ShouldKeepTheRingsBookEqualToTheCollectorsWhateverTheFramesDo() =>
        Gen.Select(Gen.Int[0, 4], FrameMutations.Any).Array[40, 120].Sample(steps =>
        {
            using var harness = Kraken();
            var reference = new ReferenceBook(Depth);
            var random = new Random(steps.Length);
            reference.Set(bid: true, 150, 1);
            reference.Set(bid: false, 250, 1);
            _ = harness.Send(Book("snapshot", reference.Levels(bid: true), reference.Levels(bid: false), (reference.Levels(false), reference.Levels(true))));
            foreach (var (kind, mutate) in steps)
            {
                // kind 0: an update mutated; 1: dropped (later checksums fail); 2: sent twice; 3: a fresh snapshot; 4: as is.
                string frame;
                if (kind == 3)
                {
                    frame = Book("snapshot", reference.Levels(bid: true), reference.Levels(bid: false), (reference.Levels(false), reference.Levels(true)));
                }
                else
                {
                    var bids = Changes(random, reference, bid: true);
                    var asks = Changes(random, reference, bid: false);
                    frame = Book("update", bids, asks, (reference.Levels(false), reference.Levels(true)));
                }
                var bytes = Encoding.UTF8.GetBytes(frame);
                if (kind != 1)
                {
                    _ = harness.Send(kind == 0 ? mutate(bytes) : bytes);
                }
                if (kind == 2)
                {
                    _ = harness.Send(bytes);
                }
            }
            VenueFuzz.AssertRingHoldsTheCollectorsBook(harness);
        }, iter: 200);

    /// <summary>Up to four changes on one side (bids 1.01–1.98, asks 2.01–2.98), applied to the reference in wire order.</summary>
    private static (string, string)[] Changes(Random random, ReferenceBook reference, bool bid)
    {
        var changes = new (string, string)[random.Next(0, 5)];
        for (var i = 0; i < changes.Length; i++)
        {
            var cents = (bid ? 100 : 200) + random.Next(1, 99);
            var units = random.Next(0, 3);
            reference.Set(bid, cents, units);
            changes[i] = (ReferenceBook.Price(cents), ReferenceBook.Quantity(units));
        }
        return changes;
    }

    private static SessionHarness Kraken() => new(new KrakenAdapter(), Depth, "MATIC-USD");
}
