using AlphaPulse.ServiceDefaults;
using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Recording;
using AlphaPulse.Simulator.Truth;

namespace AlphaPulse.Simulator.Hosting;

/// <summary>Endpoint wiring: health and readiness everywhere, then the mode's own endpoints.</summary>
internal static class SimulatorEndpoints
{
    public static WebApplication MapSimulator(this WebApplication app)
    {
        app.MapHealth();
        app.MapTruth();
        app.MapFaultControl();
        app.MapFeedControl();
        foreach (var exchange in app.Services.GetServices<IExchange>())
        {
            exchange.MapEndpoints(app);
        }
        return app;
    }

    public static WebApplication MapReplay(this WebApplication app)
    {
        app.MapHealth();
        app.Map("/{**path}", app.Services.GetRequiredService<ReplayServer>().ServeAsync);
        return app;
    }

    /// <summary>The shared <c>/health</c>, <c>/ready</c> (the feed is running) and <c>/metrics</c>.</summary>
    private static void MapHealth(this WebApplication app) => app.MapServiceDefaults();
}
