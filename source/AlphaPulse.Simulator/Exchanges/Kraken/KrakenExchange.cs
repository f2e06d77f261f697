using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// Kraken's Spot WebSocket API v2 (<c>wss://ws.kraken.com/v2</c>), served at <c>ws://host:port/kraken/v2</c>
/// for the USD instruments as <c>BTC/USD</c> and <c>ETH/USD</c>.
/// </summary>
internal sealed class KrakenExchange(
    MarketRegistry registry, FeedHub hub, RecentTrades recent, FaultBoard board, SimulatorSettings settings, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<KrakenExchange> logger)
    : IExchange
{
    public const string Path = "/kraken/v2";

    private readonly VenueServices _services = new(
        settings, registry, hub, recent, time, settings.Instruments.Where(InstrumentCatalog.IsUsd).ToArray());

    public string Name => "kraken";

    public bool Serves(Instrument instrument) => InstrumentCatalog.IsUsd(instrument);

    public string SymbolOf(Instrument instrument) => KrakenEncoder.Symbol(instrument);

    public void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        KrakenEncoder.Level(text, instrument, priceTicks, quantityLots);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, context => FeedEndpoint.ServeAsync(
            context, settings, board, logger,
            Results.Text("{\"error\":\"a WebSocket upgrade is required on this path\"}", "application/json", statusCode: StatusCodes.Status400BadRequest),
            (socket, frames, injector) => new KrakenConnection(
                socket, frames, this, _services, FeedEndpoint.WantsUpdateIds(context), injector, board, logger),
            lifetime.ApplicationStopping));
}
