using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Kraken;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core.SharedMemory;
using static AlphaPulse.Collector.Tests.Kraken.KrakenDocs;
using static AlphaPulse.Collector.Tests.Support.SessionHarness;

namespace AlphaPulse.Collector.Tests.Kraken;

/// <summary>Golden tests: every Kraken v2 message type from the reference, parsed field by field from the numbers' raw text.</summary>
public sealed class KrakenMessageTests
{
    private readonly KrakenMessageReader _reader = new(
        new SymbolTable([new InstrumentBinding(0, new SymbolName("MATIC", "USD"), "MATIC/USD")], static i => i.ExchangeSymbol), Scale, Scale);

    [Fact]
    public void ShouldParseTheDocumentedSnapshotInWireOrderWithItsDecimalsAndChecksum()
    {
        var levels = new LevelBatch();

        Assert.Equal(KrakenMessageKind.BookSnapshot, _reader.Read(Encoding.UTF8.GetBytes(BookSnapshot), levels, out var message));
        Assert.Equal([new PriceLevel(P("0.5666"), P("4831.75496356")), new PriceLevel(P("0.5665"), P("6658.22734739"))], levels.Bids.ToArray());
        Assert.Equal([new PriceLevel(P("0.5668"), P("4410.79769741")), new PriceLevel(P("0.5669"), P("4655.40412487"))], levels.Asks.ToArray());
        Assert.Equal((2439117997u, (byte)4, (byte)8), (message.Checksum, message.PriceDecimals, message.QuantityDecimals));
    }

    [Fact]
    public void ShouldReadTheSimulatorsUpdateIdOnlyWhenTheFeedAskedForIt()
    {
        var frame = Encoding.UTF8.GetBytes(BookUpdate.Replace("\"timestamp\"", "\"sim_update_id\":42,\"timestamp\"", StringComparison.Ordinal));
        var seam = new KrakenMessageReader(
            new SymbolTable([new InstrumentBinding(0, new SymbolName("MATIC", "USD"), "MATIC/USD")], static i => i.ExchangeSymbol), Scale, Scale, simulatorUpdateIds: true);

        Assert.Equal(KrakenMessageKind.BookUpdate, _reader.Read(frame, new LevelBatch(), out var production));
        Assert.Equal(KrakenMessageKind.BookUpdate, seam.Read(frame, new LevelBatch(), out var simulator));

        Assert.Equal(0, production.SimulatorUpdateId);
        Assert.Equal(42, simulator.SimulatorUpdateId);
        Assert.Equal(production.Checksum, simulator.Checksum);
    }

    [Fact]
    public void ShouldParseTheDocumentedUpdateAndItsTimestamp()
    {
        var levels = new LevelBatch();

        Assert.Equal(KrakenMessageKind.BookUpdate, _reader.Read(Encoding.UTF8.GetBytes(BookUpdate), levels, out var message));
        Assert.Equal([new PriceLevel(P("0.5657"), P("1098.3947558"))], levels.Bids.ToArray());
        Assert.Equal(2114181697u, message.Checksum);
        Assert.Equal(1_696_613_755_440_295_000, message.Time);
    }

    [Fact]
    public void ShouldParseTheDocumentedTradeWithTheTakersSide()
    {
        Assert.Equal(KrakenMessageKind.Trades, _reader.Read(Encoding.UTF8.GetBytes(KrakenDocs.Trade), new LevelBatch(), out _));
        var trade = Assert.Single(_reader.Trades.ToArray());
        Assert.Equal((4665906L, P("0.5117"), P("40"), false), (trade.TradeId, trade.Price, trade.Quantity, trade.TakerBought));
    }

    [Fact]
    public void ShouldReadTheConnectionIdAsUnsignedAboveLongMaxValue()
    {
        Assert.Equal(KrakenMessageKind.Status, _reader.Read(Encoding.UTF8.GetBytes(Status), new LevelBatch(), out var message));
        Assert.Equal(12393906104898154338UL, message.ConnectionId);
        Assert.True(message.ConnectionId > long.MaxValue);
    }

    [Fact]
    public void ShouldClassifyHeartbeatPongAcknowledgementAndError()
    {
        Assert.Equal(KrakenMessageKind.Heartbeat, _reader.Read(Encoding.UTF8.GetBytes(Heartbeat), new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Acknowledgement, _reader.Read(Encoding.UTF8.GetBytes(Pong), new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Acknowledgement, _reader.Read(Encoding.UTF8.GetBytes(SubscribeAck), new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Error, _reader.Read(Encoding.UTF8.GetBytes(Error), new LevelBatch(), out _));
    }

    [Theory]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":0.5}],"asks":[],"checksum":1}]}""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[]}]}""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[{"price":-1,"qty":1}],"asks":[],"checksum":1}]}""")]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"MATIC/USD","bids":[],"asks":[],"checksum":-1}]}""")]
    [InlineData("""{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"trade_id":1}]}""")]
    [InlineData("""{"channel":"status","data":[{"connection_id":-5}],"type":"update"}""")]
    public void ShouldCallAKnownMessageWithABadFieldMalformed(string frame) =>
        Assert.Equal(KrakenMessageKind.Malformed, _reader.Read(Encoding.UTF8.GetBytes(frame), new LevelBatch(), out _));

    [Fact]
    public void ShouldCallOtherSymbolsAndChannelsUnknown()
    {
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read(Encoding.UTF8.GetBytes(BookUpdate.Replace("MATIC/USD", "BTC/USD", StringComparison.Ordinal)), new LevelBatch(), out _));
        Assert.Equal(KrakenMessageKind.Unknown, _reader.Read("""{"channel":"ticker","type":"update","data":[]}"""u8, new LevelBatch(), out _));
    }
}
