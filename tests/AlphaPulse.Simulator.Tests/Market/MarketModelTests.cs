using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Exchanges.Binance;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Market;

public class MarketModelTests
{
    private static readonly Instrument Btc = InstrumentCatalog.All[0];

    [Fact]
    public void ShouldProduceTheSameStreamForTheSameSeed()
    {
        Assert.Equal(Frames(seed: 42, steps: 20_000), Frames(seed: 42, steps: 20_000));
    }

    [Fact]
    public void ShouldProduceADifferentStreamForADifferentSeed()
    {
        Assert.NotEqual(Frames(seed: 42, steps: 1_000), Frames(seed: 43, steps: 1_000));
    }

    [Fact]
    public void ShouldKeepAtLeastAThousandLevelsASideAndNeverCross()
    {
        var model = new MarketModel(Btc, seed: 7, targetLevels: 1200, historyCapacity: 1 << 16);
        var events = new List<MarketEvent>();
        for (var i = 0; i < 100_000; i++)
        {
            model.Step(0, events);
            Assert.True(model.Bids.PriceAt(0) < model.Asks.PriceAt(0), $"crossed at step {i}");
        }

        Assert.InRange(model.Bids.Count, 1000, 1320);
        Assert.InRange(model.Asks.Count, 1000, 1320);
    }

    [Fact]
    public void ShouldNumberUpdatesContiguouslyOnePerChangedLevel()
    {
        var model = new MarketModel(Btc, seed: 3, targetLevels: 100, historyCapacity: 1024);
        var events = new List<MarketEvent>();
        for (var i = 0; i < 5_000; i++)
        {
            model.Step(0, events);
        }

        var updates = events.OfType<BookUpdate>().ToList();
        Assert.Equal(MarketModel.InitialUpdateId + 1, updates[0].FirstUpdateId);
        for (var i = 1; i < updates.Count; i++)
        {
            Assert.Equal(updates[i - 1].LastUpdateId + 1, updates[i].FirstUpdateId);
            Assert.Equal(updates[i].Bids.Length + updates[i].Asks.Length, updates[i].LastUpdateId - updates[i].FirstUpdateId + 1);
        }
    }

    [Fact]
    public void ShouldTakeLiquidityFromTheTouchWhenItTrades()
    {
        var model = new MarketModel(Btc, seed: 11, targetLevels: 100, historyCapacity: 1024);
        var events = new List<MarketEvent>();
        while (!events.OfType<Trade>().Any())
        {
            events.Clear();
            model.Step(0, events);
        }

        var trade = events.OfType<Trade>().First();
        var update = events.OfType<BookUpdate>().Single();
        var side = trade.BuyerIsMaker ? update.Bids : update.Asks;
        Assert.Contains(side, change => change.PriceTicks == trade.PriceTicks);
    }

    [Fact]
    public void ShouldReproduceAnEarlierBookFromItsHistory()
    {
        var model = new MarketModel(Btc, seed: 5, targetLevels: 200, historyCapacity: 1 << 16);
        var events = new List<MarketEvent>();
        for (var i = 0; i < 2_000; i++)
        {
            model.Step(0, events);
        }
        var earlier = model.Capture();
        for (var i = 0; i < 3_000; i++)
        {
            model.Step(0, events);
        }

        Assert.Equal(HistoryLookup.Found, model.TryCaptureAt(earlier.LastUpdateId, out var replayed));
        Assert.Equal(Render(earlier), Render(replayed!));
        Assert.Equal(HistoryLookup.InFuture, model.TryCaptureAt(model.LastUpdateId + 1, out _));
    }

    private static List<string> Frames(ulong seed, int steps)
    {
        var model = new MarketModel(Btc, seed, targetLevels: 1000, historyCapacity: 1024);
        var events = new List<MarketEvent>();
        for (var i = 0; i < steps; i++)
        {
            model.Step(1_700_000_000_000 + i, events);
        }
        var frames = new List<string>(events.Count);
        var text = new JsonText();
        foreach (var marketEvent in events)
        {
            text.Clear();
            if (marketEvent is BookUpdate update)
            {
                BinanceEncoder.DepthUpdate(text, update, "BTCUSDT");
            }
            else
            {
                BinanceEncoder.Trade(text, (Trade)marketEvent, "BTCUSDT");
            }
            frames.Add(text.ToString());
        }
        return frames;
    }

    private static string Render(BookCapture state)
    {
        var text = new JsonText();
        BinanceEncoder.Snapshot(text, state, int.MaxValue);
        return text.ToString();
    }
}
