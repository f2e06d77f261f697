using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AlphaPulse.Bench.WebSocket;

/// <summary>Which server a scenario runs against.</summary>
internal enum Target
{
    AlphaPulse,
    NodeBaseline,
}

/// <summary>The load of one scenario: clients, publish rates and durations. Immutable.</summary>
internal sealed record Load(int Clients, double Rate, TimeSpan LatencyWindow, double SaturationRate, TimeSpan SaturationWindow);

/// <summary>
/// One server (fresh child process) under one client count: connect, measure latency at a steady
/// rate, then delivered messages/s at a saturating rate, with the server's memory and CPU from /proc.
/// </summary>
internal static class Scenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Clients of the connect-and-leave burst before the baseline: more than a burst our server compacts after (HEAP_COMPACT_AFTER_CONNECTIONS, 100).</summary>
    private const int WarmUpClients = 200;

    /// <summary>
    /// How long a server is left after a burst of connects before its memory is read, both servers alike:
    /// a runtime's collection after a burst is part of what a connection costs (ours compacts one second
    /// after connection churn settles; V8 collects on its own schedule).
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static readonly string[] Subscriptions =
    [
        """{"op":"subscribe","channel":"trades","exchange":"binance","symbol":"BTCUSDT"}""",
        """{"op":"subscribe","channel":"book","exchange":"binance","symbol":"BTCUSDT","depth":10}""",
    ];

    public static async Task<Dictionary<string, double>> RunAsync(Target target, Load load, string repositoryRoot)
    {
        var port = FreePort();
        var ringDirectory = Path.Combine("/dev/shm", "alphapulse-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ringDirectory);
        try
        {
            using var publisherForRing = target == Target.AlphaPulse ? Publisher.ToRing(Path.Combine(ringDirectory, "binance-bench.ring")) : null;
            using var server = await StartServerAsync(target, port, ringDirectory, repositoryRoot).ConfigureAwait(false);
            using var publisher = publisherForRing ?? await Publisher.ToFeedAsync(new Uri($"ws://127.0.0.1:{port}/feed")).ConfigureAwait(false);
            await using var clients = new LoadClients(sampleEvery: Math.Max(1, load.Clients / 100));
            var metrics = new Dictionary<string, double>();
            var uri = new Uri($"ws://127.0.0.1:{port}/ws");
            var requests = target == Target.AlphaPulse ? Subscriptions : [];

            // The marginal cost of a connection, for both servers alike: one client connects, subscribes
            // and leaves, then a burst of WarmUpClients does the same, and the server is left Settle
            // before the baseline is read, so neither code each server loads once on its first upgrade
            // (measured for ours: OpenSSL's libcrypto for the handshake's SHA-1, System.Linq.Expressions
            // and Regex, about 8 MB of RSS) nor start-up garbage a collection after a burst gives back
            // (ours compacts once connection churn settles: HeapCompactor) is divided among the clients.
            await WarmUpConnectionAsync(uri, requests).ConfigureAwait(false);
            await using (var burst = new LoadClients(sampleEvery: WarmUpClients))
            {
                await burst.ConnectAsync(uri, WarmUpClients, requests).ConfigureAwait(false);
            }

            await Task.Delay(Settle).ConfigureAwait(false);
            var rssBefore = server.ResidentBytes();
            var connecting = Stopwatch.StartNew();
            await clients.ConnectAsync(uri, load.Clients, requests).ConfigureAwait(false);
            metrics["connect_seconds"] = connecting.Elapsed.TotalSeconds;
            await Task.Delay(Settle).ConfigureAwait(false);
            metrics["memory_per_connection_kb"] = (server.ResidentBytes() - rssBefore) / 1024.0 / load.Clients;

            // Warm-up at the measured rate, unrecorded, for both servers alike: the first seconds of
            // traffic are when .NET's tiered JIT and V8 compile the hot paths (perf showed the JIT
            // taking 15 % of the server's CPU in a cold five-second window).
            await publisher.RunAsync(load.Rate, WarmUp).ConfigureAwait(false);

            var received = clients.Received;
            var cpu = server.CpuSeconds();
            var window = Stopwatch.StartNew();
            clients.StartRecording();
            await publisher.RunAsync(load.Rate, load.LatencyWindow).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            var (p50, p99, p999, samples) = clients.StopRecording();
            metrics["latency_p50_ms"] = p50;
            metrics["latency_p99_ms"] = p99;
            metrics["latency_p999_ms"] = p999;
            metrics["latency_samples"] = samples;
            metrics["delivered_msgs_per_s"] = (clients.Received - received) / window.Elapsed.TotalSeconds;
            metrics["server_cpu_cores"] = (server.CpuSeconds() - cpu) / window.Elapsed.TotalSeconds;

            if (load.SaturationRate > 0)
            {
                received = clients.Received;
                window.Restart();
                await publisher.RunAsync(load.SaturationRate, load.SaturationWindow).ConfigureAwait(false);
                metrics["throughput_msgs_per_s"] = (clients.Received - received) / window.Elapsed.TotalSeconds;
                metrics["offered_msgs_per_s"] = load.SaturationRate * load.Clients;
            }

            metrics["clients_held"] = clients.Open;
            metrics["disconnects"] = clients.Disconnects;
            return metrics;
        }
        finally
        {
            Directory.Delete(ringDirectory, recursive: true);
        }
    }

    private static async Task<ChildProcess> StartServerAsync(Target target, int port, string ringDirectory, string repositoryRoot)
    {
        if (target == Target.NodeBaseline)
        {
            var baseline = Path.Combine(repositoryRoot, "benchmarks", "AlphaPulse.Bench.WebSocket", "baseline");
            if (!Directory.Exists(Path.Combine(baseline, "node_modules", "ws")))
            {
                using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = baseline })
                    ?? throw new InvalidOperationException("npm starts: Process.Start returned null (install Node.js with npm)");
                await install.WaitForExitAsync().ConfigureAwait(false);
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci installs the baseline's ws package: exit={install.ExitCode} in {baseline} (is the npm registry reachable?)");
                }
            }

            return await ChildProcess.StartAsync("node", "server.js", baseline, new Dictionary<string, string> { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "listening").ConfigureAwait(false);
        }

        var serverDll = Path.Combine(AppContext.BaseDirectory, "AlphaPulse.WebSocketServer.dll");
        return await ChildProcess.StartAsync("dotnet", serverDll, AppContext.BaseDirectory, new Dictionary<string, string>
        {
            ["WEBSOCKET_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BIND_ADDRESS"] = "127.0.0.1",
            ["SHARED_MEMORY_PATH"] = ringDirectory,
            ["LOG_LEVEL"] = "Information",
            ["CLIENT_BYTE_BUDGET"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MAX_CLIENTS"] = "20000",
            ["RING_SCAN_MS"] = "100",
            ["READER_IDLE"] = Environment.GetEnvironmentVariable("BENCH_READER_IDLE") ?? "lowcpu",
            ["DOTNET_TieredPGO"] = "1",
        }, "Application started", echoLinesWith: "heap compacted").ConfigureAwait(false);
    }

    private static async Task WarmUpConnectionAsync(Uri uri, string[] requests)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        foreach (var request in requests)
        {
            await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(request), System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
        }

        // Ours greets, then answers each request; the baseline says nothing until data flows.
        var expected = requests.Length == 0 ? 0 : requests.Length + 1;
        var buffer = new byte[64 * 1024];
        for (var answers = 0; answers < expected && socket.State == System.Net.WebSockets.WebSocketState.Open; answers++)
        {
            await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
        }

        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "warm-up done", timeout.Token).ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
