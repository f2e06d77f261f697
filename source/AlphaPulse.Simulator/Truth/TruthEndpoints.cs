using System.Globalization;
using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Truth;

/// <summary>
/// <c>GET /truth/{exchange}/{symbol}?depth=N&amp;at=updateId</c>: the simulator's own book, in the venue's
/// symbol and number format, so a collector's test can compare its book with the one it should hold —
/// <c>{"exchange":…,"symbol":…,"lastUpdateId":n,"bids":[[p,q]…best first],"asks":[…]}</c>.
/// With <c>at</c>, the book exactly as it was right after that update id (within SIM_HISTORY changes): for
/// Binance the id is the venue's own (<c>u</c>); Coinbase and Kraken have no book id, so it is the model's,
/// which their frames carry as <c>sim_update_id</c> on a connection opened with <c>?updateIds=true</c>.
/// </summary>
internal static class TruthEndpoints
{
    public static IEndpointRouteBuilder MapTruth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/truth/{exchange}/{symbol}", Truth);
        return endpoints;
    }

    private static IResult Truth(string exchange, string symbol, string? depth, string? at, IEnumerable<IExchange> exchanges, MarketRegistry registry)
    {
        var venue = exchanges.FirstOrDefault(e => string.Equals(e.Name, exchange, StringComparison.OrdinalIgnoreCase));
        if (venue is null)
        {
            return Error(StatusCodes.Status404NotFound, $"exchange must be one the simulator serves: exchange={exchange} (use {string.Join(" or ", exchanges.Select(e => e.Name))})");
        }
        // Kraken's "BTC/USD" arrives as BTC%2FUSD (kept escaped in the path); the normalised name (BTC-USD)
        // is accepted for every venue as the URL-safe form.
        var wanted = Uri.UnescapeDataString(symbol);
        var served = registry.ModelsOf(venue.Name).ToList();
        var model = served.FirstOrDefault(m => string.Equals(venue.SymbolOf(m.Instrument), wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(m.Instrument.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (model is null)
        {
            return Error(StatusCodes.Status404NotFound, $"symbol must be one {venue.Name} serves here: symbol={wanted} (use {string.Join(", ", served.Select(m => venue.SymbolOf(m.Instrument)))})");
        }
        var levels = int.MaxValue;
        if (depth is not null && (!int.TryParse(depth, NumberStyles.None, CultureInfo.InvariantCulture, out levels) || levels < 1))
        {
            return Error(StatusCodes.Status400BadRequest, $"depth must be a positive integer: depth={depth} (omit it for the whole book)");
        }
        var state = model.Capture();
        if (at is not null)
        {
            if (!long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var updateId))
            {
                return Error(StatusCodes.Status400BadRequest, $"at must be an update id: at={at} (omit it for the current book)");
            }
            switch (model.TryCaptureAt(updateId, out var past))
            {
                case HistoryLookup.TooOld:
                    return Error(StatusCodes.Status410Gone, $"at must be within the retained history: at={updateId} oldest={model.OldestRetainedUpdateId} (ask sooner, or raise SIM_HISTORY)");
                case HistoryLookup.InFuture:
                    return Error(StatusCodes.Status409Conflict, $"at must not be beyond the book's last update id: at={updateId} lastUpdateId={model.LastUpdateId} (wait for that update, or omit at)");
                default:
                    state = past!;
                    break;
            }
        }
        return Results.Bytes(Write(venue, state, levels).ToArray(), "application/json");
    }

    public static JsonText Write(IExchange venue, BookCapture state, int levels)
    {
        var text = new JsonText(64 * 1024);
        text.Raw("{\"exchange\":\""u8).Ascii(venue.Name)
            .Raw("\",\"symbol\":\""u8).Ascii(venue.SymbolOf(state.Instrument))
            .Raw("\",\"lastUpdateId\":"u8).Number(state.LastUpdateId)
            .Raw(",\"bids\":"u8);
        BookLevels.Write(text, state.Instrument, state.Bids, levels, venue.WriteLevel);
        text.Raw(",\"asks\":"u8);
        BookLevels.Write(text, state.Instrument, state.Asks, levels, venue.WriteLevel);
        return text.Raw("}"u8);
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
