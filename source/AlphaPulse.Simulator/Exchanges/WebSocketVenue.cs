using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// A venue served on one WebSocket path with subscriptions made over the socket (Coinbase, Kraken): it
/// lists the USD instruments, refuses plain HTTP on its path, and opens one connection per client, with
/// the simulator's <c>?updateIds=true</c> extension passed on.
/// </summary>
internal abstract class WebSocketVenue(VenueServices services, ILogger logger) : IExchange
{
    public abstract string Name { get; }

    /// <summary>The path the venue is served at.</summary>
    public abstract string Path { get; }

    protected VenueServices Services => services;

    public bool Serves(Instrument instrument) => InstrumentCatalog.IsUsd(instrument);

    public abstract string SymbolOf(Instrument instrument);

    public abstract void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, context => FeedEndpoint.ServeAsync(
            context, services.Settings, services.Board, logger,
            Results.Json(new { error = $"a WebSocket upgrade is required on this path: {context.Request.Path} (connect with ws://)" }, statusCode: StatusCodes.Status400BadRequest),
            (socket, frames, injector) => Connect(socket, frames, injector, FeedEndpoint.WantsUpdateIds(context), logger),
            services.Lifetime.ApplicationStopping));

    protected abstract VenueConnection Connect(WebSocket socket, FrameWriter frames, FaultInjector injector, bool updateIds, ILogger logger);
}
