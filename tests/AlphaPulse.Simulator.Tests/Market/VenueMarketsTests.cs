using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Market;

/// <summary>
/// Each venue has its own market around the instrument's shared fair price: its own book, spread, depth
/// and premium. So Coinbase's and Kraken's BTC-USD books differ, stay close to each other, and cross
/// each other now and then (a cross-exchange opportunity) without being crossed most of the time.
/// </summary>
public class VenueMarketsTests
{
    private static MarketRegistry Registry(ulong seed = 1) => new(new SimulatorSettings { Seed = seed, Depth = 200, History = 1 << 12 });

    [Fact]
    public void ShouldGiveEveryVenueItsOwnModelOfTheInstrumentsItLists()
    {
        var registry = Registry();
        Assert.Equal(["BTC-USD", "BTC-USDT", "ETH-USD", "ETH-USDT"], registry.InstrumentsOf("binance").Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["BTC-USD", "ETH-USD"], registry.InstrumentsOf("coinbase").Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["BTC-USD", "ETH-USD"], registry.InstrumentsOf("kraken").Select(i => i.Name).Order(StringComparer.Ordinal));
        var coinbase = registry.InstrumentsOf("coinbase").Single(i => i.Name == "BTC-USD");
        var kraken = registry.InstrumentsOf("kraken").Single(i => i.Name == "BTC-USD");
        Assert.NotEqual(coinbase, kraken);
        Assert.NotSame(registry.Find(coinbase), registry.Find(kraken));
    }

    [Fact]
    public void ShouldKeepEachVenuesDepthAndSpreadProfile()
    {
        var registry = Registry();
        var binance = Model(registry, "binance", "BTC-USD");
        var kraken = Model(registry, "kraken", "BTC-USD");
        Step(registry, 20_000, (_, _) => { });

        Assert.True(kraken.Bids.Count < binance.Bids.Count, $"Kraken's book ({kraken.Bids.Count} levels) is thinner than Binance's ({binance.Bids.Count})");
        Assert.InRange(kraken.Bids.Count, 110, 140);
        Assert.InRange(binance.Bids.Count, 190, 225);
    }

    [Fact]
    public void ShouldLetVenuesDifferButFollowTheSameFairPriceAndCrossEachOtherNowAndThen()
    {
        var registry = Registry();
        var coinbase = Model(registry, "coinbase", "BTC-USD");
        var kraken = Model(registry, "kraken", "BTC-USD");
        var (samples, crossed, differentTop, widest) = (0, 0, 0, 0L);
        double spreadSum = 0, diffSum = 0;
        Step(registry, 300_000, (step, _) =>
        {
            if (step % 10 != 0)
            {
                return;
            }
            samples++;
            var (cbBid, cbAsk, krBid, krAsk) = (coinbase.Bids.PriceAt(0), coinbase.Asks.PriceAt(0), kraken.Bids.PriceAt(0), kraken.Asks.PriceAt(0));
            crossed += cbBid > krAsk || krBid > cbAsk ? 1 : 0;
            differentTop += cbBid != krBid || cbAsk != krAsk ? 1 : 0;
            widest = Math.Max(widest, Math.Abs((cbBid + cbAsk) - (krBid + krAsk)) / 2);
            spreadSum += (cbAsk - cbBid) + (krAsk - krBid);
            diffSum += Math.Abs((cbBid + cbAsk) - (krBid + krAsk)) / 2.0;
        });

        Assert.True(differentTop > samples * 9 / 10, $"the books differ: different tops in {differentTop} of {samples} samples");
        Assert.True(crossed > 0, $"cross-exchange opportunities appear: none in {samples} samples");
        Assert.True(crossed < samples / 3, $"…now and then, not always: crossed in {crossed} of {samples} samples (mean spreads {spreadSum / samples:F1}, mean mid gap {diffSum / samples:F1})");
        Assert.True(widest < 2_500, $"both follow the shared fair price: mids at most {widest} ticks apart (limit 2,500 = $25)");
    }

    [Fact]
    public void ShouldProduceTheSameMarketsForTheSameSeed()
    {
        static string Tops(MarketRegistry registry)
        {
            Step(registry, 20_000, (_, _) => { });
            return string.Join(";", registry.Models.Select(m => $"{m.Instrument.Venue}:{m.Instrument.Name}:{m.Bids.PriceAt(0)}/{m.Asks.PriceAt(0)}"));
        }

        Assert.Equal(Tops(Registry(seed: 5)), Tops(Registry(seed: 5)));
        Assert.NotEqual(Tops(Registry(seed: 5)), Tops(Registry(seed: 6)));
    }

    private static MarketModel Model(MarketRegistry registry, string venue, string name) =>
        registry.Find(registry.InstrumentsOf(venue).Single(i => i.Name == name))!;

    /// <summary>Steps the models round-robin, as the feed thread does.</summary>
    private static void Step(MarketRegistry registry, int steps, Action<int, MarketModel> after)
    {
        var events = new List<MarketEvent>();
        for (var step = 0; step < steps; step++)
        {
            var model = registry.Models[step % registry.Models.Count];
            events.Clear();
            model.Step(0, events);
            after(step, model);
        }
    }
}
