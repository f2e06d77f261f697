using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// Coinbase's Exchange WebSocket feed (<c>wss://ws-feed.exchange.coinbase.com</c>), served at
/// <c>ws://host:port/coinbase</c> for the USD instruments as <c>BTC-USD</c> and <c>ETH-USD</c>.
/// </summary>
internal sealed class CoinbaseExchange(VenueServices services, ILogger<CoinbaseExchange> logger) : WebSocketVenue(services, logger)
{
    public override string Name => "coinbase";

    public override string Path => "/coinbase";

    public override string SymbolOf(Instrument instrument) => CoinbaseEncoder.ProductId(instrument);

    public override void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        CoinbaseEncoder.Level(text, instrument, priceTicks, quantityLots);

    protected override VenueConnection Connect(WebSocket socket, FrameWriter frames, FaultInjector injector, bool updateIds, ILogger logger) =>
        new CoinbaseConnection(socket, frames, this, Services, updateIds, injector, logger);
}
