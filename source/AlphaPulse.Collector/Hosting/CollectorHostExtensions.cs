using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Telemetry;
using AlphaPulse.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AlphaPulse.Collector.Hosting;

/// <summary>The collector's wiring: services, Kestrel on <c>METRICS_PORT</c>, and its HTTP endpoints.</summary>
public static class CollectorHostExtensions
{
    /// <summary>SIGTERM → stop reading, publish the end, close the ring: all within the pod's 5 s.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddCollector(this WebApplicationBuilder builder, CollectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(settings.MetricsPort));
        builder.AddServiceDefaults(new ServiceDefaultsOptions { ServiceName = "collector", LogLevel = settings.LogLevel, ShutdownTimeout = ShutdownTimeout })
            .AddReadinessCheck<CollectorRuntime>("books", runtime => runtime.IsReady
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"synchronised={runtime.Publisher.LiveCount}/{runtime.Publisher.BookCount}"));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(provider => new CollectorRuntime(settings, provider.GetRequiredService<ILoggerFactory>().CreateLogger("AlphaPulse.Collector")));
        builder.Services.AddSingleton(provider => provider.GetRequiredService<CollectorRuntime>().Metrics);
        builder.Services.AddHttpClient(settings.Adapter.Name, http => http.Timeout = settings.StaleFeed);
        builder.Services.AddHostedService<CollectorService>();
        builder.Services.AddHostedService<RingLatencySampler>();
        return builder;
    }

    /// <summary><c>/health</c> (alive), <c>/ready</c> (every book synchronised and publishing), <c>/metrics</c>, <c>POST /snapshot</c> (on-demand snapshots).</summary>
    public static WebApplication MapCollectorEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.Services.GetRequiredService<CollectorRuntime>();
        app.MapPost("/snapshot", () =>
        {
            runtime.PublishSnapshots();
            return Results.Text("published");
        });
        app.MapServiceDefaults(runtime.Metrics.Registry);
        return app;
    }
}
