using AlphaPulse.Core.Checksums;
using AlphaPulse.Simulator.Exchanges.Kraken;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Exchanges.Kraken;

/// <summary>The simulator's Kraken book view sends the shared core's checksum over the very text it writes.</summary>
public class KrakenBookViewTests
{
    [Fact]
    public void ShouldComputeTheViewsChecksumFromTheSameTextItSends()
    {
        var btc = InstrumentCatalog.Find("BTC-USD")!;
        var model = new MarketModel(btc, seed: 3, targetLevels: 50, historyCapacity: 1024);
        var view = new KrakenBookView(model.Capture(), depth: 10);
        string Price(long ticks) => DecimalText.ToText(btc.PriceE8(ticks), btc.PriceDecimals);
        string Quantity(long lots) => DecimalText.ToText(btc.QuantityE8(lots), btc.QuantityDecimals);
        var asks = Enumerable.Range(0, 10).Select(i => (Price(view.Side(false).PriceAt(i)), Quantity(view.Side(false).QuantityAt(i))));
        var bids = Enumerable.Range(0, 10).Select(i => (Price(view.Side(true).PriceAt(i)), Quantity(view.Side(true).QuantityAt(i))));

        Assert.Equal(KrakenChecksum.Compute(asks, bids), view.Checksum);
        Assert.DoesNotContain(asks.Concat(bids), l => l.Item1.Contains('E', StringComparison.OrdinalIgnoreCase) || l.Item2.Contains('E', StringComparison.OrdinalIgnoreCase));
    }
}
