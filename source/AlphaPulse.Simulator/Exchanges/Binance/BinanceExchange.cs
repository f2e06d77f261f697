using System.Globalization;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Binance;

/// <summary>
/// Binance spot's public market data: <c>GET /api/v3/depth</c>, raw streams at <c>/ws/&lt;stream&gt;</c> and
/// combined streams at <c>/stream?streams=a/b</c>, as documented in binance-spot-api-docs.
/// </summary>
internal sealed class BinanceExchange(
    MarketRegistry registry, FeedHub hub, FaultBoard board, SimulatorSettings settings,
    IHostApplicationLifetime lifetime, ILogger<BinanceExchange> logger)
    : IExchange
{
    /// <summary>rest-api.md "Order book": default 100; above 5000 the response is truncated to 5000.</summary>
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5000;

    public string Name => "binance";

    public string SymbolOf(Instrument instrument) => BinanceEncoder.Symbol(instrument);

    public void WriteLevel(JsonText text, Instrument instrument, long priceTicks, long quantityLots) =>
        BinanceEncoder.Level(text, instrument, priceTicks, quantityLots);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v3/depth", Depth);
        endpoints.Map("/ws/{**streams}", context => ServeAsync(context, context.Request.RouteValues["streams"] as string, combined: false));
        endpoints.Map("/stream", context => ServeAsync(context, context.Request.Query["streams"].ToString(), combined: true));
    }

    private IResult Depth(string? symbol, string? limit)
    {
        if (string.IsNullOrEmpty(symbol))
        {
            return BinanceErrors.MandatoryParameter("symbol");
        }
        var model = registry.ModelsOf(Name).FirstOrDefault(m => SymbolOf(m.Instrument) == symbol);
        if (model is null)
        {
            return BinanceErrors.InvalidSymbol();
        }
        var levels = DefaultLimit;
        if (limit is not null)
        {
            if (limit.Length is 0 or > 20 || !limit.All(char.IsAsciiDigit))
            {
                return BinanceErrors.IllegalCharacters("limit");
            }
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out levels))
            {
                levels = MaxLimit;
            }
            if (levels == 0)
            {
                return BinanceErrors.InvalidParameter("limit");
            }
        }
        var text = new JsonText(64 * 1024);
        BinanceEncoder.Snapshot(text, model.Capture(), Math.Min(levels, MaxLimit));
        return Results.Bytes(text.ToArray(), "application/json;charset=UTF-8");
    }

    private async Task ServeAsync(HttpContext context, string? streams, bool combined)
    {
        var parsed = new List<BinanceStream>();
        foreach (var name in (streams ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!BinanceStream.TryParse(name, registry.InstrumentsOf(Name), out var stream))
            {
                await BinanceErrors.Rest(-1121, $"Invalid stream: {name} (the simulator serves <symbol>@depth, <symbol>@depth@100ms and <symbol>@trade for {string.Join(", ", registry.InstrumentsOf(Name).Select(i => SymbolOf(i).ToLowerInvariant()))}).")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            parsed.Add(stream);
        }
        await FeedEndpoint.ServeAsync(
            context, settings, board, logger,
            BinanceErrors.Rest(-1000, "A WebSocket upgrade is required on this path."),
            (socket, frames, injector) =>
            {
                var connection = new BinanceConnection(socket, frames, this, hub, registry.InstrumentsOf(Name), combined, injector, board, settings.QueueLimit, logger);
                parsed.ForEach(connection.Subscribe);
                return connection;
            },
            lifetime.ApplicationStopping).ConfigureAwait(false);
    }
}
