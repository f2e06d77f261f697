using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace AlphaPulse.ServiceDefaults.Tests;

/// <summary>/health, /ready and /metrics as every service serves them, on real Kestrel at 127.0.0.1:0.</summary>
public sealed class OperationalEndpointsTests
{
    private sealed class Books
    {
        public int Live { get; set; }

        public int Count { get; } = 2;
    }

    [Fact]
    public async Task ShouldAnswerAliveAlwaysAndReadyOnlyWhenEveryNamedCheckPasses()
    {
        var books = new Books();
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("alphapulse_test_events_total", "Events counted by the test.").Inc(3);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(books);
        builder.AddServiceDefaults(new ServiceDefaultsOptions { ServiceName = "test" })
            .AddReadinessCheck<Books>("books", b => b.Live == b.Count ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"synchronised={b.Live}/{b.Count}"))
            .AddReadinessCheck<Books>("feed", b => b.Live > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no frame yet"));
        await using var app = builder.Build();
        app.MapServiceDefaults(registry);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.Equal((HttpStatusCode.OK, "alive"), await GetAsync(http, "/health"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready: books: synchronised=0/2; feed: no frame yet"), await GetAsync(http, "/ready"));
        books.Live = 1;
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready: books: synchronised=1/2"), await GetAsync(http, "/ready"));
        books.Live = 2;
        Assert.Equal((HttpStatusCode.OK, "ready"), await GetAsync(http, "/ready"));
        var (status, metrics) = await GetAsync(http, "/metrics");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("alphapulse_test_events_total 3", metrics, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, string)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
