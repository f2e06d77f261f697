using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// Kraken's Spot WebSocket API v2 (<c>wss://ws.kraken.com/v2</c>), served at <c>ws://host:port/kraken/v2</c>
/// for the USD instruments as <c>BTC/USD</c> and <c>ETH/USD</c>.
/// </summary>
internal sealed class KrakenExchange(VenueServices services, ILogger<KrakenExchange> logger) : WebSocketVenue(services, logger)
{
    public override string Name => "kraken";

    public override string Path => "/kraken/v2";

    public override string SymbolOf(Instrument instrument) => KrakenEncoder.Symbol(instrument);

    public override void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        KrakenEncoder.Level(text, instrument, priceTicks, quantityLots);

    protected override VenueConnection Connect(WebSocket socket, FrameWriter frames, FaultInjector injector, bool updateIds, ILogger logger) =>
        new KrakenConnection(socket, frames, this, Services, updateIds, injector, logger);
}
