using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// Coinbase's Exchange WebSocket feed (<c>wss://ws-feed.exchange.coinbase.com</c>), served at
/// <c>ws://host:port/coinbase</c> for the USD instruments as <c>BTC-USD</c> and <c>ETH-USD</c>.
/// </summary>
internal sealed class CoinbaseExchange(
    MarketRegistry registry, FeedHub hub, RecentTrades recent, FaultBoard board, SimulatorSettings settings, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<CoinbaseExchange> logger)
    : IExchange
{
    public const string Path = "/coinbase";

    private readonly VenueServices _services = new(
        settings, registry, hub, recent, time, settings.Instruments.Where(InstrumentCatalog.IsUsd).ToArray());

    public string Name => "coinbase";

    public bool Serves(Instrument instrument) => InstrumentCatalog.IsUsd(instrument);

    public string SymbolOf(Instrument instrument) => CoinbaseEncoder.ProductId(instrument);

    public void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        CoinbaseEncoder.Level(text, instrument, priceTicks, quantityLots);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, context => FeedEndpoint.ServeAsync(
            context, settings, board, logger,
            Results.Json(new { message = "a WebSocket upgrade is required on this path" }, statusCode: StatusCodes.Status400BadRequest),
            (socket, frames, injector) => new CoinbaseConnection(
                socket, frames, this, _services, FeedEndpoint.WantsUpdateIds(context), injector, board, logger),
            lifetime.ApplicationStopping));
}
