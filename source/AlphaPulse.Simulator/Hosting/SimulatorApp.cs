using System.Net;
using AlphaPulse.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AlphaPulse.Simulator.Hosting;

/// <summary>Builds the web application for the serve and replay modes (used by Program and by the tests).</summary>
internal static class SimulatorApp
{
    public static WebApplication Create(SimulatorSettings settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddServiceDefaults(new ServiceDefaultsOptions { ServiceName = "simulator", LogLevel = settings.LogLevel, ShutdownTimeout = TimeSpan.FromSeconds(5) })
            .AddReadinessCheck<IReadiness>("feed", readiness => readiness.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting: the market feed is not running yet"));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.TryParse(settings.Host, out var ip) ? ip : IPAddress.Any;
            kestrel.Listen(address, settings.Port);
        });
        if (settings.Mode == SimulatorMode.Replay)
        {
            builder.Services.AddReplay(settings);
        }
        else
        {
            builder.Services.AddSimulator(settings);
        }
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWebSockets();
        return settings.Mode == SimulatorMode.Replay ? app.MapReplay() : app.MapSimulator();
    }
}
