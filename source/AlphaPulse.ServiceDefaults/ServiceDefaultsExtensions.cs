using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace AlphaPulse.ServiceDefaults;

/// <summary>
/// The wiring every service shares: one logging set-up, one shutdown deadline, and the same three
/// operational endpoints — <c>/health</c> (alive: the process answers), <c>/ready</c> (every named
/// readiness check passes; 503 naming the failing ones otherwise) and <c>/metrics</c> (prometheus-net).
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag that makes a health check part of <c>/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Logging, shutdown deadline and health checks; add readiness checks to the returned builder.</summary>
    public static IHealthChecksBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceDefaultsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Logging.AddServiceLogging(options.LogLevel);
        builder.Services.AddSingleton(options);

        // SIGTERM → ApplicationStopping → hosted services stop in reverse order, all within the deadline.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        return builder.Services.AddHealthChecks();
    }

    /// <summary>One line per entry, timestamped; framework chatter only from warnings up.</summary>
    public static ILoggingBuilder AddServiceLogging(this ILoggingBuilder logging, LogLevel level)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging.SetMinimumLevel(level);

        // Per-request framework logs would drown the services' own at thousands of requests a second.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        return logging;
    }

    /// <summary>
    /// A readiness check over a registered service: healthy, or unhealthy with a reason an operator can
    /// act on (<c>synchronised=1/2</c>); <c>/ready</c> names every failing check.
    /// </summary>
    public static IHealthChecksBuilder AddReadinessCheck<TService>(this IHealthChecksBuilder checks, string name, Func<TService, HealthCheckResult> check)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.Add(new HealthCheckRegistration(
            name,
            provider => new ReadinessCheck<TService>(provider.GetRequiredService<TService>(), check),
            failureStatus: HealthStatus.Unhealthy,
            tags: [ReadyTag]));
    }

    /// <summary>Maps <c>/health</c>, <c>/ready</c> and <c>/metrics</c> (from <paramref name="registry"/>, else prometheus-net's default).</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app, CollectorRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // Liveness runs no check: a process that answers is alive; readiness says whether it serves.
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("alive"),
        });
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReadiness,
        });
        if (registry is null)
        {
            app.MapMetrics("/metrics");
        }
        else
        {
            app.MapMetrics("/metrics", registry);
        }
        return app;
    }

    /// <summary><c>ready</c>, or <c>not ready: books: synchronised=1/2; …</c> naming each failing check.</summary>
    private static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync("ready");
        }
        var text = new StringBuilder("not ready:");
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status != HealthStatus.Healthy)
            {
                text.Append(' ').Append(name).Append(": ").Append(entry.Description ?? entry.Status.ToString()).Append(';');
            }
        }
        text.Length--;
        return context.Response.WriteAsync(text.ToString());
    }
}
