using System.Globalization;
using AlphaPulse.Build.Docker;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The local environment as containers on the host network: the simulator (unless the feed is live),
/// collector replicas A and B per exchange (A on 8081–8083, B on 8084–8086), and the WebSocket server
/// on 8765 with its metrics on 8766 or 8767 by slot, and the analytics service on 8090 with its health on 8091
/// or 8092 by slot. Every container sees the shared-memory folder at <c>/dev/shm/alphapulse</c>. The order is
/// the rollout order: feed, writers, then the readers.
/// </summary>
public static class LocalTopology
{
    public const string ContainerPrefix = "alphapulse-local-";
    public const int FirstReplicaBPort = 8084;
    public const int SecondSlotMetricsPort = 8767;
    public const string WebSocketServerRole = "websocket-server";
    public const string AnalyticsRole = "analytics";
    public const int FirstAnalyticsHealthPort = 8091;
    public static readonly IReadOnlyList<string> Replicas = ["a", "b"];

    public static IReadOnlyList<ContainerSpec> Create(IReadOnlyDictionary<string, string> images, FeedSource feed, int simulatorRate, bool webSocketAuthentication)
    {
        ArgumentNullException.ThrowIfNull(images);
        var specs = new List<ContainerSpec>();
        if (feed == FeedSource.Simulator)
        {
            var simulator = LocalServices.Create(feed, simulatorRate, "").Single(service => service.Name == "simulator");
            specs.Add(new ContainerSpec("simulator", "simulator", Image(images, "simulator"), simulator.Environment, LocalServices.SimulatorPort));
        }
        for (var i = 0; i < LocalServices.Exchanges.Count; i++)
        {
            var (exchange, symbols, simulatorPath, hasRest) = LocalServices.Exchanges[i];
            foreach (var replica in Replicas)
            {
                var port = (replica == "a" ? LocalServices.FirstCollectorPort : FirstReplicaBPort) + i;
                var environment = new Dictionary<string, string>
                {
                    ["EXCHANGE"] = exchange,
                    ["SYMBOLS"] = symbols,
                    ["METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                    ["REPLICA_ID"] = replica,
                    ["LOG_LEVEL"] = "Information",
                };
                if (feed == FeedSource.Simulator)
                {
                    environment["FEED_URL"] = $"ws://127.0.0.1:{LocalServices.SimulatorPort}{simulatorPath}";
                    if (hasRest)
                    {
                        environment["REST_URL"] = $"http://127.0.0.1:{LocalServices.SimulatorPort}";
                    }
                }
                specs.Add(new ContainerSpec($"collector-{exchange}-{replica}", "collector", Image(images, "collector"), environment, port));
            }
        }
        var server = new Dictionary<string, string>
        {
            ["WEBSOCKET_PORT"] = LocalServices.WebSocketPort.ToString(CultureInfo.InvariantCulture),
            ["WEBSOCKET_REUSE_PORT"] = "true",
            ["LOG_LEVEL"] = "Information",
        };
        if (webSocketAuthentication)
        {
            server["AUTH_TOKENS_FILE"] = LocalEnvironmentPaths.TokensFileInContainer;
        }
        specs.Add(new ContainerSpec(WebSocketServerRole, "websocket-server", Image(images, "websocket-server"), server, LocalServices.WebSocketMetricsPort, ReplaceStrategy.StartFirst, SecondSlotMetricsPort, "METRICS_PORT"));
        // A revision recorded before the analytics image existed (Rollback, RestoreBackup) runs without it.
        if (images.ContainsKey(ImageComponent.PythonBindings))
        {
            specs.Add(Analytics(images));
        }
        return specs;
    }

    /// <summary>
    /// The analytics service, a reader of every exchange's rings like the WebSocket server and upgraded the same way:
    /// start-first, both slots sharing API_PORT through <c>SO_REUSEPORT</c> (<c>API_REUSE_PORT</c>), each answering
    /// health on a port of its own (<c>METRICS_PORT</c>, 8091 or 8092) so Deploy asks the new one.
    /// </summary>
    private static ContainerSpec Analytics(IReadOnlyDictionary<string, string> images)
    {
        var environment = new Dictionary<string, string>
        {
            ["EXCHANGES"] = string.Join(',', LocalServices.Exchanges.Select(exchange => exchange.Exchange)),
            ["API_PORT"] = LocalServices.AnalyticsPort.ToString(CultureInfo.InvariantCulture),
            ["API_REUSE_PORT"] = "true",
            ["LOG_LEVEL"] = "INFO",
        };
        return new ContainerSpec(AnalyticsRole, ImageComponent.PythonBindings, Image(images, ImageComponent.PythonBindings), environment, FirstAnalyticsHealthPort, ReplaceStrategy.StartFirst, FirstAnalyticsHealthPort + 1, "METRICS_PORT");
    }

    /// <summary>The same image tag for every component, under an optional registry.</summary>
    public static IReadOnlyDictionary<string, string> ImagesFor(string tag, string? registry) =>
        ImageComponent.All.ToDictionary(component => component.Name, component => component.Reference(registry, tag));

    private static string Image(IReadOnlyDictionary<string, string> images, string component) =>
        images.TryGetValue(component, out var image) ? image : throw new ArgumentException($"no image given for {component}", nameof(images));
}
