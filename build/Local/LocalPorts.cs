namespace AlphaPulse.Build.Local;

/// <summary>
/// The ports of the local stack. Up uses <see cref="Default"/> (what README and the dashboard link
/// name); tests that start the same stack pick free ones so they never collide with a running Up.
/// </summary>
public sealed record LocalPorts(int Simulator, int FirstCollector, int WebSocket, int WebSocketMetrics, int Prometheus, int Analytics)
{
    public static LocalPorts Default { get; } = new(LocalServices.SimulatorPort, LocalServices.FirstCollectorPort, LocalServices.WebSocketPort, LocalServices.WebSocketMetricsPort, LocalServices.PrometheusPort, LocalServices.AnalyticsPort);
}
