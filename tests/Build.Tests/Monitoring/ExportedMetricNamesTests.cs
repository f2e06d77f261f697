using AlphaPulse.Build.Monitoring;
using AlphaPulse.Build.Tests.LiveStack;

namespace AlphaPulse.Build.Tests.Monitoring;

/// <summary>
/// Alerts, recording rules and dashboards name only series the services really serve: compared with
/// what the simulator, the collectors and the WebSocket server, started for real, list on /metrics.
/// </summary>
[Collection(LiveStackTests.Name)]
public sealed class ExportedMetricNamesTests(LiveStackFixture stack)
{
    private static readonly string Root = TestPaths.RepositoryRoot();

    [Fact]
    public void ShouldNameOnlyExportedSeriesInTheRules()
    {
        var unknown = MonitoringQueries.UnknownNames(MonitoringQueries.RuleQueries(Root), stack.Exported, MonitoringQueries.RecordedNames(Root));
        Assert.True(unknown.Count == 0, $"rules name series no service exports: {string.Join("; ", unknown)} (exported: {stack})");
    }

    [Fact]
    public void ShouldNameOnlyExportedSeriesInTheDashboards()
    {
        var queries = Directory.GetFiles(Path.Combine(Root, MonitoringFiles.DashboardsDirectory), "*.json").SelectMany(MonitoringQueries.DashboardQueries).ToList();
        Assert.NotEmpty(queries);
        var unknown = MonitoringQueries.UnknownNames(queries, stack.Exported, MonitoringQueries.RecordedNames(Root));
        Assert.True(unknown.Count == 0, $"dashboards name series no service exports: {string.Join("; ", unknown)} (exported: {stack})");
    }

    [Fact]
    public void ShouldCatchAMisspeltOrRetiredMetricName()
    {
        MonitoringQuery[] queries =
        [
            new("misspelt", "histogram_quantile(0.99, sum by (le) (rate(alphapulse_ws_shm_latency_second_bucket[5m])))"),
            new("seed name", "alphapulse_shared_memory_latency_microseconds > 50"),
            new("bucket of a gauge", "alphapulse_ws_clients_bucket"),
        ];
        var unknown = MonitoringQueries.UnknownNames(queries, stack.Exported, MonitoringQueries.RecordedNames(Root));
        Assert.Equal(["misspelt: alphapulse_ws_shm_latency_second_bucket", "seed name: alphapulse_shared_memory_latency_microseconds", "bucket of a gauge: alphapulse_ws_clients_bucket"], unknown);
    }

    [Fact]
    public void ShouldExportTheSeriesInBaseUnitsWithOneMeaningPerName()
    {
        Assert.Equal("histogram", stack.Exported["alphapulse_ws_shm_latency_seconds"]);
        Assert.Equal("histogram", stack.Exported["alphapulse_collector_shm_latency_seconds"]);
        Assert.Equal("histogram", stack.Exported["alphapulse_collector_receive_to_publish_seconds"]);
        Assert.Equal("gauge", stack.Exported["alphapulse_collector_delta_compression_ratio"]);
        Assert.DoesNotContain(stack.Exported.Keys, name => name.EndsWith("_microseconds", StringComparison.Ordinal) || name == "alphapulse_delta_compression_ratio");
    }
}
