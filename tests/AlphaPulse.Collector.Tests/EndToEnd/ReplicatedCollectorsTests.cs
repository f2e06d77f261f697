using AlphaPulse.Collector.Tests.Support;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.Replication;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>
/// Two collector replicas of one exchange as real processes against the simulator, merged by the shared core's
/// <see cref="ReplicatedReader"/>: the replica a symbol follows is killed with SIGKILL mid-stream and started again;
/// throughout, the merged book equals the simulator's truth at its sequence, no update or trade is delivered twice,
/// and the failover is counted.
/// </summary>
public sealed class ReplicatedCollectorsTests
{
    private static readonly string[] Symbols = ["BTC-USDT", "ETH-USDT"];

    [Fact]
    public async Task ShouldKeepTheMergedBookEqualToTruthWithoutDuplicatesWhileAReplicaIsKilledAndRestarted()
    {
        using var directory = new TempDirectory();
        await using var simulator = await SimulatorProcess.StartAsync(rate: 2000, depth: 400, seed: 31);
        await using var a = CollectorProcess.Start(simulator, directory.Path, "a");
        await using var b = CollectorProcess.Start(simulator, directory.Path, "b");
        using var reader = ReplicatedReader.Open(new ReplicationOptions { Exchange = "binance", Directory = directory.Path, StaleAfter = TimeSpan.FromSeconds(2) });
        var consumer = new MergedConsumer(reader, simulator);

        await consumer.RunUntilAsync(() => reader.Replicas.Count == 2 && consumer.Checks >= 4, "both replicas merged and four truth checks");
        var victim = reader.Leader(reader.SymbolId(Symbols[0]))!.Name;
        var failoversBefore = reader.Failovers;
        await (victim == "a" ? a : b).KillAsync();
        await consumer.RunUntilAsync(() => reader.Failovers > failoversBefore && consumer.Checks >= 8, "a failover and four more truth checks");
        Assert.NotEqual(victim, reader.Leader(reader.SymbolId(Symbols[0]))!.Name);
        Assert.True(reader.Replicas.Single(r => r.Name == victim).IsStale);

        await using var restarted = CollectorProcess.Start(simulator, directory.Path, victim);
        var replica = reader.Replicas.Single(r => r.Name == victim);
        await consumer.RunUntilAsync(() => replica.EpochChanges >= 1 && !replica.IsStale && consumer.Checks >= 12, "the restarted replica merged again and four more truth checks");

        Assert.Equal(0, consumer.DuplicateTrades);
        Assert.Equal(0, consumer.DuplicateUpdates);
        Assert.True(consumer.Trades > 0);
        Assert.True(reader.DuplicatesDropped > 0, "the other replica's copies were dropped");
        Assert.True(replica.Failovers >= 1);
        Assert.Equal(0, failoversBefore);
    }

    /// <summary>Consumes merged events as a server would, checking for duplicates, and compares the merged books with the truth every few hundred updates.</summary>
    private sealed class MergedConsumer(ReplicatedReader reader, SimulatorProcess simulator)
    {
        private readonly HashSet<(int, ulong)> _trades = [];
        private readonly Dictionary<int, long> _lastSequence = [];
        private int _sinceCheck;

        public int Checks { get; private set; }

        public int Trades => _trades.Count;

        public int DuplicateTrades { get; private set; }

        public int DuplicateUpdates { get; private set; }

        public async Task RunUntilAsync(Func<bool> done, string what)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (!done())
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the merged reader must reach a state: waited 90 s for {what}; checks={Checks}, replicas={string.Join(", ", reader.Replicas.Select(r => $"{r.Name}: stale={r.IsStale} lag={r.Lag} failovers={r.Failovers} epochs={r.EpochChanges}"))}");
                }
                if (!await ReadAsync())
                {
                    await Task.Delay(5);
                }
            }
        }

        private async Task<bool> ReadAsync()
        {
            var any = false;
            for (var i = 0; i < 10_000 && reader.TryRead(out var e); i++)
            {
                any = true;
                switch (e.Kind)
                {
                    case MergedEventKind.Trade:
                        DuplicateTrades += _trades.Add((e.Symbol, e.Trade.TradeId)) ? 0 : 1;
                        break;
                    case MergedEventKind.BookDelta:
                        DuplicateUpdates += _lastSequence.TryGetValue(e.Symbol, out var last) && e.ExchangeSequence < last ? 1 : 0;
                        _lastSequence[e.Symbol] = e.ExchangeSequence;
                        if (e.IsBatchEnd && ++_sinceCheck >= 300)
                        {
                            _sinceCheck = 0;
                            await CheckAsync(e.Symbol);
                            return true;
                        }
                        break;
                    case MergedEventKind.BookSnapshot:
                        _lastSequence[e.Symbol] = e.ExchangeSequence;
                        break;
                    default:
                        break;
                }
            }
            return any;
        }

        /// <summary>The merged book now, against the simulator's book at exactly the merged sequence.</summary>
        private async Task CheckAsync(int symbol)
        {
            Assert.True(reader.IsValid(symbol));
            var book = reader.Book(symbol);
            var bids = RingBooks.Top(book, BookSide.Bid, 10_000);
            var asks = RingBooks.Top(book, BookSide.Ask, 10_000);
            var (truthBids, truthAsks) = await simulator.TruthAsync(reader.Symbols[symbol].Replace("-", "", StringComparison.Ordinal), reader.Sequence(symbol), TruthCheck.Scale);
            Assert.Equal(truthBids, bids);
            Assert.Equal(truthAsks, asks);
            Checks++;
        }
    }
}
