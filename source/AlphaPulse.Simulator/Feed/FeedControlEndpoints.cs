namespace AlphaPulse.Simulator.Feed;

/// <summary>
/// <c>GET /control/feed</c> (<c>{"paused":false,"produced":n}</c>), <c>POST /control/feed/pause</c> and
/// <c>POST /control/feed/resume</c>: stop and restart every market at once, so a test or Smoke can let
/// the pipeline drain and compare what a client holds with <c>/truth</c>. Connections stay open; heartbeats
/// and pings continue.
/// </summary>
internal static class FeedControlEndpoints
{
    public static IEndpointRouteBuilder MapFeedControl(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/control/feed", (MarketFeed feed) => Results.Ok(new { paused = feed.IsPaused, produced = feed.Produced }));
        endpoints.MapPost("/control/feed/pause", (MarketFeed feed) =>
        {
            feed.IsPaused = true;
            return Results.Ok(new { paused = true, produced = feed.Produced });
        });
        endpoints.MapPost("/control/feed/resume", (MarketFeed feed) =>
        {
            feed.IsPaused = false;
            return Results.Ok(new { paused = false, produced = feed.Produced });
        });
        return endpoints;
    }
}
