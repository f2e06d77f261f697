using System.Globalization;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Hosting;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Collector.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlphaPulse.Collector.Tests.EndToEnd;

/// <summary>
/// The real collector in-process, exactly as Program.cs wires it (AddCollector/MapCollectorEndpoints),
/// on Kestrel at an ephemeral port, writing its ring under a temp directory; plus a reader of that ring
/// opened before the first record so it sees everything.
/// </summary>
internal sealed class CollectorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private CollectorHost(WebApplication app, TempDirectory directory, RingBooks ring, Uri address)
    {
        _app = app;
        _directory = directory;
        Ring = ring;
        Http = new HttpClient { BaseAddress = address };
    }

    public HttpClient Http { get; }

    public RingBooks Ring { get; }

    public CollectorRuntime Runtime => _app.Services.GetRequiredService<CollectorRuntime>();

    public static async Task<CollectorHost> StartAsync(SimulatorProcess simulator, params (string Name, string Value)[] overrides)
    {
        var directory = new TempDirectory();
        var variables = new Dictionary<string, string?>
        {
            ["EXCHANGE"] = "binance",
            ["SYMBOLS"] = "BTC-USDT,ETH-USDT",
            ["METRICS_PORT"] = "0",
            ["SHARED_MEMORY_PATH"] = directory.Path,
            ["REPLICA_ID"] = "test",
            ["FEED_URL"] = simulator.FeedUrl.ToString(),
            ["REST_URL"] = simulator.RestUrl.ToString(),
            ["BOOK_DEPTH"] = "5000",
            ["RING_SLOTS"] = (1 << 20).ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "Warning",
        };
        foreach (var (name, value) in overrides)
        {
            variables[name] = value;
        }
        var settings = CollectorSettingsReader.Read(name => variables.GetValueOrDefault(name));

        var builder = WebApplication.CreateSlimBuilder();
        builder.AddCollector(settings);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapCollectorEndpoints();
        _ = app.Services.GetRequiredService<CollectorRuntime>();
        var ring = new RingBooks(settings.RingPath);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)).Port;
        return new CollectorHost(app, directory, ring, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 50 ms; fails after a generous minute (a hang, not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the collector must reach a state: waited 60 s for {what}; state: {state?.Invoke() ?? "n/a"} (see the metrics it served)");
            }
            await Task.Delay(50);
        }
    }

    public async Task<bool> IsReadyAsync()
    {
        using var response = await Http.GetAsync("/ready");
        return response.IsSuccessStatusCode;
    }

    public async Task<string> MetricsAsync() => await Http.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ring.Dispose();
        _directory.Dispose();
    }
}
