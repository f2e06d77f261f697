using System.Globalization;

namespace AlphaPulse.Build.Local;

/// <summary>Where <c>./build.sh Up</c> points the collectors.</summary>
public enum FeedSource
{
    /// <summary>The built-in exchange simulator on this machine.</summary>
    Simulator,

    /// <summary>The real exchanges' public endpoints (needs internet).</summary>
    Live,
}

/// <summary>
/// The local stack <c>./build.sh Up</c> runs: the simulator (unless the feed is live) and one collector per
/// exchange, each on its own metrics port, all writing rings into one shared-memory folder.
/// </summary>
public static class LocalServices
{
    public const int SimulatorPort = 9443;
    public const int FirstCollectorPort = 8081;
    public const int WebSocketPort = 8765;
    public const int WebSocketMetricsPort = 8766;
    public const int PrometheusPort = 9090;
    public const int AnalyticsPort = 8090;

    /// <summary>Where the Python package of the bindings (and the analytics service) lives.</summary>
    public const string PythonPackageDirectory = "source/AlphaPulse.Bindings/python";

    /// <summary>Where CompileBindings writes the native library.</summary>
    public const string NativeLibrary = "artifacts/bindings/libalphapulse.so";

    /// <summary>
    /// Exchanges with a collector adapter: the normalised symbols Up subscribes to, where the simulator
    /// serves that exchange's WebSocket protocol, and whether it has a REST snapshot endpoint.
    /// </summary>
    public static readonly IReadOnlyList<(string Exchange, string Symbols, string SimulatorPath, bool HasRest)> Exchanges =
    [
        ("binance", "BTC-USDT,ETH-USDT", "", true),
        ("coinbase", "BTC-USD,ETH-USD", "/coinbase", false),
        ("kraken", "BTC-USD,ETH-USD", "/kraken/v2", false),
    ];

    public static IReadOnlyList<LocalService> Create(FeedSource feed, int simulatorRate, string sharedMemoryPath, UpSecrets? secrets = null, LocalPorts? ports = null, string? repositoryRoot = null)
    {
        repositoryRoot ??= Directory.GetCurrentDirectory();
        secrets ??= UpSecrets.None;
        ports ??= LocalPorts.Default;
        var services = new List<LocalService>();
        var simulator = new Uri($"http://127.0.0.1:{ports.Simulator}/");
        if (feed == FeedSource.Simulator)
        {
            services.Add(new LocalService(
                "simulator",
                "source/AlphaPulse.Simulator/AlphaPulse.Simulator.csproj",
                new Dictionary<string, string>
                {
                    ["SIM_PORT"] = ports.Simulator.ToString(CultureInfo.InvariantCulture),
                    ["SIM_RATE"] = simulatorRate.ToString(CultureInfo.InvariantCulture),
                    ["SIM_SYMBOLS"] = string.Join(',', Exchanges.SelectMany(exchange => exchange.Symbols.Split(',')).Distinct()),
                },
                simulator,
                Url: $"ws://127.0.0.1:{ports.Simulator}  truth {simulator}truth/<exchange>/<symbol>"));
        }
        for (var i = 0; i < Exchanges.Count; i++)
        {
            var (exchange, symbols, simulatorPath, hasRest) = Exchanges[i];
            var port = ports.FirstCollector + i;
            var environment = new Dictionary<string, string>
            {
                ["EXCHANGE"] = exchange,
                ["SYMBOLS"] = symbols,
                ["METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["SHARED_MEMORY_PATH"] = sharedMemoryPath,
                ["REPLICA_ID"] = "local",
                ["LOG_LEVEL"] = "Information",
            };
            if (exchange == "coinbase")
            {
                foreach (var (name, value) in secrets.CoinbaseEnvironment())
                {
                    environment[name] = value;
                }
            }

            if (feed == FeedSource.Simulator)
            {
                environment["FEED_URL"] = $"ws://127.0.0.1:{ports.Simulator}{simulatorPath}";
                if (hasRest)
                {
                    environment["REST_URL"] = simulator.ToString().TrimEnd('/');
                }
            }
            services.Add(new LocalService(
                $"collector-{exchange}",
                "source/AlphaPulse.Collector/AlphaPulse.Collector.csproj",
                environment,
                new Uri($"http://127.0.0.1:{port}/"),
                StatusMetric: "alphapulse_collector_messages_total",
                Url: $"http://127.0.0.1:{port}/metrics"));
        }
        // Started last: it discovers the collectors' rings as they are, and fans them out.
        var server = new Dictionary<string, string>
        {
            ["WEBSOCKET_PORT"] = ports.WebSocket.ToString(CultureInfo.InvariantCulture),
            ["METRICS_PORT"] = ports.WebSocketMetrics.ToString(CultureInfo.InvariantCulture),
            ["SHARED_MEMORY_PATH"] = sharedMemoryPath,
            ["LOG_LEVEL"] = "Information",
        };
        if (secrets.WebSocketTokensFile is not null)
        {
            server["AUTH_TOKENS_FILE"] = secrets.WebSocketTokensFile;
        }

        services.Add(new LocalService(
            "websocket",
            "source/AlphaPulse.WebSocketServer/AlphaPulse.WebSocketServer.csproj",
            server,
            new Uri($"http://127.0.0.1:{ports.WebSocketMetrics}/"),
            StatusMetric: "alphapulse_ws_messages_sent_total",
            Url: $"dashboard http://127.0.0.1:{ports.WebSocket}/  ws://127.0.0.1:{ports.WebSocket}/ws"));
        services.Add(Analytics(sharedMemoryPath, ports.Analytics, repositoryRoot));
        return services;
    }

    /// <summary>
    /// The Python analytics service (docs: source/AlphaPulse.Bindings/python): Debian's python3 running the
    /// package from the checkout, through the native library CompileBindings built, or the pure-Python reader
    /// when that is missing. Started last: it reads every exchange's rings and is ready once each has a book.
    /// </summary>
    private static LocalService Analytics(string sharedMemoryPath, int port, string repositoryRoot)
    {
        var environment = new Dictionary<string, string>
        {
            ["SHARED_MEMORY_PATH"] = sharedMemoryPath,
            ["EXCHANGES"] = string.Join(',', Exchanges.Select(exchange => exchange.Exchange)),
            ["API_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["LOG_LEVEL"] = "INFO",
            ["PYTHONPATH"] = Path.Combine(repositoryRoot, PythonPackageDirectory),
        };
        var library = Path.Combine(repositoryRoot, NativeLibrary);
        if (File.Exists(library))
        {
            environment["ALPHAPULSE_LIB"] = library;
        }
        return new LocalService(
            "analytics",
            PythonPackageDirectory,
            environment,
            new Uri($"http://127.0.0.1:{port}/"),
            StatusMetric: "alphapulse_analytics_events_total",
            Url: $"http://127.0.0.1:{port}/docs  books, analytics, arbitrage",
            Command: ["/usr/bin/python3", "-m", "alphapulse.service"]);
    }
}
