using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Exchanges.Kraken;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Tests.Exchanges.Kraken;

/// <summary>Golden frames: field names, order and types as Kraken's v2 reference and its live frames show them.</summary>
public class KrakenEncoderTests
{
    private const long Time = 1696613755440;
    private static readonly Instrument Btc = InstrumentCatalog.Find("BTC-USD")!;

    [Fact]
    public void ShouldWriteStatusWithAConnectionIdBeyondSigned64Bits()
    {
        var text = new JsonText();

        KrakenEncoder.Status(text, 18125794168470749634UL);

        Assert.Equal("""{"channel":"status","type":"update","data":[{"version":"2.0.10","system":"online","api_version":"v2","connection_id":18125794168470749634}]}""", text.ToString());
    }

    [Fact]
    public void ShouldWriteSubscribeAcknowledgementsWithFieldsInOrder()
    {
        var book = new JsonText();
        var trade = new JsonText();

        KrakenEncoder.Ack(book, "subscribe", 7, new KrakenSubscription("book", Btc, 10, true), Time, Time + 1);
        KrakenEncoder.Ack(trade, "subscribe", null, new KrakenSubscription("trade", Btc, 10, false), Time, Time);

        Assert.Equal("""{"method":"subscribe","req_id":7,"result":{"channel":"book","depth":10,"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.440000Z","time_out":"2023-10-06T17:35:55.441000Z"}""", book.ToString());
        Assert.Equal("""{"method":"subscribe","result":{"channel":"trade","snapshot":false,"symbol":"BTC/USD"},"success":true,"time_in":"2023-10-06T17:35:55.440000Z","time_out":"2023-10-06T17:35:55.440000Z"}""", trade.ToString());
    }

    [Fact]
    public void ShouldWriteErrorsAndPongs()
    {
        var error = new JsonText();
        var pong = new JsonText();

        KrakenEncoder.Error(error, "Currency pair not supported", "subscribe", 3, "DOGE/USD", Time, Time);
        KrakenEncoder.Pong(pong, 101, Time, Time);

        Assert.Equal("""{"error":"Currency pair not supported","method":"subscribe","req_id":3,"success":false,"symbol":"DOGE/USD","time_in":"2023-10-06T17:35:55.440000Z","time_out":"2023-10-06T17:35:55.440000Z"}""", error.ToString());
        Assert.Equal("""{"method":"pong","req_id":101,"time_in":"2023-10-06T17:35:55.440000Z","time_out":"2023-10-06T17:35:55.440000Z"}""", pong.ToString());
    }

    [Fact]
    public void ShouldWriteBookMessagesWithBareNumbersAtTheInstrumentsDecimals()
    {
        var bids = new PriceLadder(isBid: true);
        bids.Set(4_528_350, 10_000_000);
        var asks = new PriceLadder(isBid: false);
        asks.Set(4_528_520, 100_000);
        var view = new KrakenBookView(new BookCapture(Btc, 1, bids, asks), depth: 10);
        var snapshot = new JsonText();
        var update = new JsonText();
        view.Apply(new BookUpdate(Btc, 2, 2, Time, [new LevelChange(4_528_350, 0)], []) { Sequence = 1 });

        KrakenEncoder.BookUpdate(update, view, Time, corrupt: false, updateIds: false);
        KrakenEncoder.BookSnapshot(snapshot, new KrakenBookView(new BookCapture(Btc, 1, bids, asks), 10), Time, updateIds: true);

        Assert.Equal($$"""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45283.50,"qty":0.00000000}],"asks":[],"checksum":{{view.Checksum}},"timestamp":"2023-10-06T17:35:55.440000Z"}]}""", update.ToString());
        Assert.StartsWith("""{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":45283.50,"qty":0.10000000}],"asks":[{"price":45285.20,"qty":0.00100000}],"checksum":""", snapshot.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(""","timestamp":"2023-10-06T17:35:55.440000Z","sim_update_id":1}]}""", snapshot.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldWriteTradesWithTheTakersSide()
    {
        var text = new JsonText();

        KrakenEncoder.Trades(text, "update", [new Trade(Btc, 4665906, 4_528_340, 50_000, BuyerIsMaker: true, Time)]);

        Assert.Equal("""{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"sell","price":45283.40,"qty":0.00050000,"ord_type":"market","trade_id":4665906,"timestamp":"2023-10-06T17:35:55.440000Z"}]}""", text.ToString());
    }
}
