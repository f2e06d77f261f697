using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// What every venue's WebSocket endpoint does around its own protocol: read the connection's
/// <c>fault=</c> rules, refuse a request that is not a WebSocket upgrade in the venue's words, accept the
/// socket, and run the venue's connection until it ends.
/// </summary>
internal static class FeedEndpoint
{
    public static async Task ServeAsync(
        HttpContext context, SimulatorSettings settings, FaultBoard board, ILogger logger,
        IResult notAnUpgrade, Func<WebSocket, FrameWriter, FaultInjector, VenueConnection> create, CancellationToken stopping)
    {
        if (!FaultQuery.TryParse(context.Request.Query, out var rules, out var error))
        {
            await Results.BadRequest(error).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest
            || await SocketAcceptance.AcceptAsync(context, settings).ConfigureAwait(false) is not var (socket, frames))
        {
            await notAnUpgrade.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        using var _ = socket;
        using var connection = create(socket, frames, new FaultInjector(rules, board));
        Log.ConnectionOpened(logger, connection.Id, context.Request.Path + context.Request.QueryString);
        await connection.RunAsync(stopping).ConfigureAwait(false);
    }

    /// <summary>The simulator's opt-in extension <c>?updateIds=true</c>: book frames also carry the model's update id (docs/simulator.md).</summary>
    public static bool WantsUpdateIds(HttpContext context) =>
        string.Equals(context.Request.Query["updateIds"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
}
