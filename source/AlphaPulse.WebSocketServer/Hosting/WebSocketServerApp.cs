using System.Net;
using AlphaPulse.ServiceDefaults;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Markets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Wiring: services, the two listeners, and the endpoints on each. <see cref="Build"/> is what
/// Program.cs, the tests and the bench all start, so they run the same server.
/// </summary>
public static class WebSocketServerApp
{
    public static WebApplication Build(ServerSettings settings, string[] args)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddServiceDefaults(new ServiceDefaultsOptions
        {
            ServiceName = "websocket-server",
            LogLevel = settings.LogLevel,

            // Clients get the grace period to finish their close handshakes, the host two seconds more.
            ShutdownTimeout = settings.ShutdownGrace + TimeSpan.FromSeconds(2),
        }).AddReadinessCheck<MarketHub>("hub", hub => hub.IsDraining
            ? HealthCheckResult.Unhealthy("draining: shutting down")
            : hub.IsLive
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("no ring has delivered data recently (is a collector writing under SHARED_MEMORY_PATH?)"))
            .AddReadinessCheck<ListenerPorts>("websocket-port", ports => ports.WebSocketListening
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the WebSocket port does not listen yet (WEBSOCKET_REUSE_PORT: it listens once a ring delivers data)"));
        // Hosting's request diagnostics would keep an Activity and a log scope alive for each upgraded
        // connection (about 300 bytes of the memory per client) to log request start and end, which this
        // server never logs; unhandled errors are still logged by Kestrel.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddWebSocketServer(settings);
        builder.WebHost.UseWebSocketServerListeners(settings);
        var app = builder.Build();
        app.MapWebSocketServer();
        return app;
    }

    public static IServiceCollection AddWebSocketServer(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<ListenerPorts>();
        services.AddSingleton(new TokenStore(settings));
        services.AddSingleton<MarketHub>();
        services.AddSingleton<ExchangeDiscovery>();
        services.AddSingleton<WebSocketEndpoint>();
        services.AddSingleton<DirectUpgrade>();
        services.AddSingleton<ConnectionChurn>();
        services.AddHostedService<HeapCompactor>();

        // Hosted services stop in reverse order, after the web server has drained: the hub keeps
        // serving closes while clients leave.
        services.AddHostedService(provider => provider.GetRequiredService<MarketHub>());
        services.AddHostedService(provider => provider.GetRequiredService<ExchangeDiscovery>());
        services.AddHostedService<ShutdownCoordinator>();
        return services;
    }

    public static IWebHostBuilder UseWebSocketServerListeners(this IWebHostBuilder webHost, ServerSettings settings)
    {
        var address = IPAddress.Parse(settings.BindAddress);

        // Socket completions and pipe continuations run inline instead of hopping to the thread pool:
        // a write reaches the kernel without another wake-up. Safe here because no handler blocks.
        webHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);

        // The WebSocket port gets its own transport (registered after UseSockets: Kestrel asks the last
        // registered first), which serves plain upgrades straight from their sockets.
        webHost.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, DirectUpgradeTransport>());
        return webHost.ConfigureKestrel((context, kestrel) =>
        {
            var ports = kestrel.ApplicationServices.GetRequiredService<ListenerPorts>();
            kestrel.AddServerHeader = false;
            kestrel.Listen(new WebSocketListenEndPoint(address, settings.WebSocketPort), listener => ports.WebSocketListener = listener);
            kestrel.Listen(address, settings.MetricsPort, listener => ports.MetricsListener = listener);
        });
    }

    public static WebApplication MapWebSocketServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ports = app.Services.GetRequiredService<ListenerPorts>();

        // Each listener serves only its own routes: metrics and health never on the public port.
        app.Use((context, next) =>
        {
            var onMetricsPort = context.Connection.LocalPort == ports.MetricsPort;
            var path = context.Request.Path.Value;
            var isMetricsRoute = path is "/health" or "/ready" or "/metrics";
            if (onMetricsPort != isMetricsRoute)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseWebSockets();
        app.MapServiceDefaults();
        var endpoint = app.Services.GetRequiredService<WebSocketEndpoint>();
        app.Map("/ws", endpoint.HandleAsync);
        app.MapDashboard();
        return app;
    }
}
