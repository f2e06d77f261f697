using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Coinbase;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Tests.Coinbase;
using AlphaPulse.Collector.Tests.Kraken;
using AlphaPulse.Collector.Tests.Support;

namespace AlphaPulse.Collector.Tests.Adapters;

/// <summary>
/// The simulator's <c>sim_update_id</c> (<see cref="FeedContext.SimulatorUpdateIds"/>, docs/simulator.md): Coinbase and
/// Kraken books are kept at the update id of the last message that carried one, which the end-to-end tests compare
/// books at; the ring still carries no exchange sequence for them, since neither exchange has one.
/// </summary>
public sealed class SimulatorUpdateIdTests
{
    private static readonly (string, string)[] Bids = [("0.5666", "4831.75496356"), ("0.5665", "6658.22734739")];
    private static readonly (string, string)[] Asks = [("0.5668", "4410.79769741"), ("0.5669", "4655.40412487")];

    [Fact]
    public void ShouldKeepACoinbaseBookAtTheSimulatorsUpdateId()
    {
        using var harness = new SessionHarness(new CoinbaseAdapter(), 100, simulatorUpdateIds: true, "BTC-USD");

        _ = harness.Send(CoinbaseDocs.Book("""[["100.00","1"]]""", """[["101.00","3"]]""").Replace("{\"type\"", "{\"sim_update_id\":5,\"type\"", StringComparison.Ordinal));
        Assert.Equal(5, harness.Publisher.Book(0).Sequence);
        _ = harness.Send(CoinbaseDocs.Update("""[["buy","99.00","2"]]""").Replace("{\"type\"", "{\"sim_update_id\":7,\"type\"", StringComparison.Ordinal));
        Assert.Equal(7, harness.Publisher.Book(0).Sequence);
        _ = harness.Send(CoinbaseDocs.Update("""[["buy","98.00","2"]]"""));
        Assert.Equal(7, harness.Publisher.Book(0).Sequence);

        AssertNoExchangeSequenceInTheRing(harness, deltas: 2);
    }

    [Fact]
    public void ShouldKeepAKrakenBookAtTheSimulatorsUpdateId()
    {
        using var harness = new SessionHarness(new KrakenAdapter(), 10, simulatorUpdateIds: true, "MATIC-USD");
        (string, string)[] one = [("0.5667", "1.00000000"), .. Bids];
        (string, string)[] two = [("0.5667", "2.00000000"), .. Bids];

        Assert.Equal(FrameOutcome.Book, harness.Send(WithId(KrakenDocs.Book("snapshot", Bids, Asks, (Asks, Bids)), 5)));
        Assert.Equal(5, harness.Publisher.Book(0).Sequence);
        Assert.Equal(FrameOutcome.Book, harness.Send(WithId(KrakenDocs.Book("update", [("0.5667", "1.00000000")], [], (Asks, one)), 7)));
        Assert.Equal(7, harness.Publisher.Book(0).Sequence);
        Assert.Equal(FrameOutcome.Book, harness.Send(KrakenDocs.Book("update", [("0.5667", "2.00000000")], [], (Asks, two))));
        Assert.Equal(7, harness.Publisher.Book(0).Sequence);

        AssertNoExchangeSequenceInTheRing(harness, deltas: 2);

        static string WithId(string frame, long id) => frame.Replace("\"checksum\":", $"\"sim_update_id\":{id},\"checksum\":", StringComparison.Ordinal);
    }

    private static void AssertNoExchangeSequenceInTheRing(SessionHarness harness, int deltas)
    {
        using var ring = harness.ReadRing();
        Assert.Equal((1, deltas), (ring.Snapshots, ring.Deltas));
        Assert.All(ring.BookRecords, r => Assert.Equal(0L, r.ExchangeSequence));
    }
}
