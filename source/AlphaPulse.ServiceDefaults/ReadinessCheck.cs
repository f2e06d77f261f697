using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AlphaPulse.ServiceDefaults;

/// <summary>A named readiness check over a service resolved from the container (the collector's runtime, the hub).</summary>
internal sealed class ReadinessCheck<TService>(TService service, Func<TService, HealthCheckResult> check) : IHealthCheck
    where TService : notnull
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(check(service));
}
