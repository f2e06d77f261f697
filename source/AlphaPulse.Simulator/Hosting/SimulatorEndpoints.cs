using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Faults;
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

    /// <summary><c>/health</c>: the process is alive. <c>/ready</c>: it is serving data (the feed is running).</summary>
    private static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Text("Healthy"));
        app.MapGet("/ready", (IReadiness readiness) =>
            readiness.IsReady ? Results.Text("Ready") : Results.Text("Starting", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
