using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Exchanges.Binance;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Exchanges;

/// <summary>Golden frames: field names, order and types exactly as binance-spot-api-docs shows them.</summary>
public class BinanceEncoderTests
{
    private static readonly Instrument Btc = InstrumentCatalog.All[0];

    [Fact]
    public void ShouldWriteDepthUpdateInDocumentedFieldOrderWithDecimalStrings()
    {
        var update = new BookUpdate(Btc, 157, 160, 1672515782136,
            [new LevelChange(6_000_001, 1_000_000), new LevelChange(5_999_999, 0)],
            [new LevelChange(6_000_002, 5)]);
        var text = new JsonText();

        BinanceEncoder.DepthUpdate(text, update, "BTCUSDT");

        Assert.Equal(
            """{"e":"depthUpdate","E":1672515782136,"s":"BTCUSDT","U":157,"u":160,"b":[["60000.01000000","10.00000000"],["59999.99000000","0.00000000"]],"a":[["60000.02000000","0.00005000"]]}""",
            text.ToString());
    }

    [Fact]
    public void ShouldWriteEmptySidesAsEmptyArrays()
    {
        var text = new JsonText();

        BinanceEncoder.DepthUpdate(text, new BookUpdate(Btc, 1, 1, 5, [new LevelChange(1, 1)], []), "BTCUSDT");

        Assert.EndsWith("""
            "b":[["0.01000000","0.00001000"]],"a":[]}
            """, text.ToString());
    }

    [Fact]
    public void ShouldWriteTradeInDocumentedFieldOrder()
    {
        var text = new JsonText();

        BinanceEncoder.Trade(text, new Trade(Btc, 12345, 6_000_000, 250, BuyerIsMaker: true, 1672515782136), "BTCUSDT");

        Assert.Equal(
            """{"e":"trade","E":1672515782136,"s":"BTCUSDT","t":12345,"p":"60000.00000000","q":"0.00250000","T":1672515782136,"m":true,"M":true}""",
            text.ToString());
    }

    [Fact]
    public void ShouldWrapCombinedStreamPayloads()
    {
        var text = new JsonText();

        BinanceEncoder.CombinedPrefix(text, "btcusdt@trade");
        text.Raw("{}"u8).Raw("}"u8);

        Assert.Equal("""{"stream":"btcusdt@trade","data":{}}""", text.ToString());
    }

    [Fact]
    public void ShouldWriteSnapshotBestLevelsFirst()
    {
        var bids = new PriceLadder(isBid: true);
        bids.Set(400, 431);
        bids.Set(399, 1);
        var asks = new PriceLadder(isBid: false);
        asks.Set(402, 12);
        asks.Set(401, 3);
        var text = new JsonText();

        BinanceEncoder.Snapshot(text, new BookCapture(Btc, 1027024, bids, asks), limit: 1);

        Assert.Equal(
            """{"lastUpdateId":1027024,"bids":[["4.00000000","0.00431000"]],"asks":[["4.01000000","0.00003000"]]}""",
            text.ToString());
    }
}
