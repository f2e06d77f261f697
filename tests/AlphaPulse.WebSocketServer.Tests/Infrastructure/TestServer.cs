using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Hosting;
using AlphaPulse.WebSocketServer.Markets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel, 127.0.0.1, ports 0, reading rings from a private directory under
/// /dev/shm (removed on dispose). One per test.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    /// <summary>
    /// Guards against a hang, never a timing assertion: generous on a loaded 2-core machine. A mutation run
    /// shortens it (<see cref="HangGuardVariable"/>) so a mutant that stops the server answering fails its tests
    /// in seconds instead of running into Stryker's timeout; Stryker's initial test run proves the shorter guard
    /// is still long enough for the unmutated server.
    /// </summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable(HangGuardVariable), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 30);

    public const string HangGuardVariable = "ALPHAPULSE_TEST_HANG_GUARD_SECONDS";

    private readonly WebApplication _app;
    private bool _stopped;

    private TestServer(ServerSettings settings, WebApplication app)
    {
        Settings = settings;
        _app = app;
    }

    public ServerSettings Settings { get; }

    public string RingDirectory => Settings.SharedMemoryDirectory;

    public int WebSocketPort => _app.Services.GetRequiredService<ListenerPorts>().WebSocketPort;

    public int MetricsPort => _app.Services.GetRequiredService<ListenerPorts>().MetricsPort;

    public Uri WebSocketUri => new($"ws://127.0.0.1:{WebSocketPort}/ws");

    public Uri HttpUri => new($"http://127.0.0.1:{WebSocketPort}/");

    public Uri MetricsUri => new($"http://127.0.0.1:{MetricsPort}/");

    internal MarketHub Hub => _app.Services.GetRequiredService<MarketHub>();

    internal HeapCompactor Compactor => _app.Services.GetServices<IHostedService>().OfType<HeapCompactor>().Single();

    /// <summary>The host's lifetime: <c>StopApplication</c> is SIGTERM's first step (ApplicationStopping) without stopping the host.</summary>
    public IHostApplicationLifetime Lifetime => _app.Services.GetRequiredService<IHostApplicationLifetime>();

    public static async Task<TestServer> StartAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var directory = Path.Combine("/dev/shm", "alphapulse-ws-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new ServerSettings
        {
            SharedMemoryDirectory = directory,
            WebSocketPort = 0,
            MetricsPort = 0,
            BindAddress = "127.0.0.1",
            LogLevel = LogLevel.Warning,
            RingScanInterval = TimeSpan.FromMilliseconds(20),
            ReaderIdle = AlphaPulse.Core.SharedMemory.IdleMode.LowCpu,
            ShutdownGrace = TimeSpan.FromSeconds(10),
            CloseTimeout = HangGuard,
        };
        settings = configure?.Invoke(settings) ?? settings;
        var app = WebSocketServerApp.Build(settings, []);
        await app.StartAsync();
        return new TestServer(settings, app);
    }

    /// <summary>A collector stand-in writing <c>&lt;exchange&gt;-a.ring</c>, returned once the server reads it.</summary>
    public async Task<TestRing> AddRingAsync(string exchange, params string[] symbols)
    {
        var ring = new TestRing(RingDirectory, exchange, symbols);
        await WaitForExchangeAsync(exchange);
        return ring;
    }

    /// <summary>Waits until the hub reads the exchange's ring (discovery runs on a short timer).</summary>
    public Task WaitForExchangeAsync(string exchange) => WaitUntilAsync(() => Hub.Exchanges.Contains(exchange));

    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds (bounded by the hang guard).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }

    /// <summary>Publishes trades on <paramref name="ring"/> until <c>/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TestRing ring)
    {
        using var http = new HttpClient();
        using var guard = new CancellationTokenSource(HangGuard);
        do
        {
            ring.Trade(0, 1m, 1m);
            await Task.Delay(20, guard.Token);
        }
        while ((await http.GetAsync(new Uri(MetricsUri, "ready"), guard.Token)).StatusCode != System.Net.HttpStatusCode.OK);
    }

    public async Task<TestClient> ConnectAsync(Action<ClientWebSocketOptions>? options = null, string query = "", bool tinyReceiveBuffer = false)
    {
        var socket = new ClientWebSocket();
        options?.Invoke(socket.Options);
        using var guard = new CancellationTokenSource(HangGuard);
        using var invoker = tinyReceiveBuffer ? new HttpMessageInvoker(TinyReceiveBufferHandler()) : null;
        await socket.ConnectAsync(new Uri(WebSocketUri + query), invoker, guard.Token);
        var client = new TestClient(socket);
        var welcome = await client.ReceiveJsonAsync();
        Assert.Equal("welcome", welcome.Type);
        return client;
    }

    /// <summary>A client socket with a small kernel receive buffer, so a client that stops reading backs the server up quickly.</summary>
    private static SocketsHttpHandler TinyReceiveBufferHandler() => new()
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    };

    /// <summary>SIGTERM as the host sees it: stop the application (drain, then stop Kestrel).</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
        Directory.Delete(RingDirectory, recursive: true);
    }
}
