using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Exchanges.Coinbase;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Exchanges.Coinbase;

/// <summary>Golden frames: field names, order and types as Coinbase's Exchange WebSocket feed documentation shows them.</summary>
public class CoinbaseEncoderTests
{
    private const long Time = 1415348367028;
    private static readonly Instrument Btc = InstrumentCatalog.Find("BTC-USD")!;
    private static readonly Instrument Eth = InstrumentCatalog.Find("ETH-USD")!;

    [Fact]
    public void ShouldListSubscriptionsPerChannel()
    {
        var text = new JsonText();

        CoinbaseEncoder.Subscriptions(text, [("level2_batch", [Btc, Eth]), ("heartbeat", [Btc]), ("matches", [])]);

        Assert.Equal("""{"type":"subscriptions","channels":[{"name":"level2_batch","product_ids":["BTC-USD","ETH-USD"]},{"name":"heartbeat","product_ids":["BTC-USD"]}]}""", text.ToString());
    }

    [Fact]
    public void ShouldWriteErrorsWithMessageAndReason()
    {
        var text = new JsonText();

        CoinbaseEncoder.Error(text, "Failed to subscribe", "DOGE-USD is not a valid product");

        Assert.Equal("""{"type":"error","message":"Failed to subscribe","reason":"DOGE-USD is not a valid product"}""", text.ToString());
    }

    [Fact]
    public void ShouldWriteSnapshotAndL2UpdateWithStringLevels()
    {
        var bids = new PriceLadder(isBid: true);
        bids.Set(1_010_110, 45_054_140);
        var asks = new PriceLadder(isBid: false);
        asks.Set(1_010_255, 57_753_524);
        var snapshot = new JsonText();
        var update = new JsonText();

        CoinbaseEncoder.Snapshot(snapshot, new BookCapture(Btc, 7, bids, asks), updateIds: false);
        CoinbaseEncoder.Update(update, new BookUpdate(Btc, 8, 9, Time, [new LevelChange(1_010_180, 16_256_700)], [new LevelChange(1_010_255, 0)]), updateIds: true);

        Assert.Equal("""{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]]}""", snapshot.ToString());
        Assert.Equal("""{"type":"l2update","product_id":"BTC-USD","changes":[["buy","10101.80","0.16256700"],["sell","10102.55","0.00000000"]],"time":"2014-11-07T08:19:27.028000Z","sim_update_id":9}""", update.ToString());
    }

    [Fact]
    public void ShouldWriteMatchesWithTheMakersSide()
    {
        var match = new JsonText();
        var last = new JsonText();
        var trade = new Trade(Btc, 10, 40_023, 523_512_000, BuyerIsMaker: false, Time);

        CoinbaseEncoder.Match(match, trade, 50);
        CoinbaseEncoder.Match(last, trade with { BuyerIsMaker = true }, 50, last: true);

        Assert.Matches(
            """^\{"type":"match","trade_id":10,"sequence":50,"maker_order_id":"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}","taker_order_id":"[0-9a-f-]{36}","time":"2014-11-07T08:19:27.028000Z","product_id":"BTC-USD","size":"5.23512000","price":"400.23","side":"sell"\}$""",
            match.ToString());
        Assert.StartsWith("""{"type":"last_match","trade_id":10,""", last.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(""","side":"buy"}""", last.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldWriteHeartbeats()
    {
        var text = new JsonText();

        CoinbaseEncoder.Heartbeat(text, Btc, 90, 20, Time);

        Assert.Equal("""{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"BTC-USD","time":"2014-11-07T08:19:27.028000Z"}""", text.ToString());
    }
}
