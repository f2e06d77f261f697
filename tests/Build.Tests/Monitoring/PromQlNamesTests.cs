namespace AlphaPulse.Build.Tests.Monitoring;

public sealed class PromQlNamesTests
{
    [Fact]
    public void ShouldReadMetricNamesButNotFunctionsLabelsOrKeywords() =>
        Assert.Equal(
            new HashSet<string>(StringComparer.Ordinal) { "up", "exchange:alphapulse_collector_replicas_up:sum" },
            PromQlNames.Of("up{job=\"alphapulse-collector\"} == 0 and on (exchange) exchange:alphapulse_collector_replicas_up:sum >= 1"));

    [Fact]
    public void ShouldIgnoreRangesGroupingsAndDashboardVariables() =>
        Assert.Equal(
            new HashSet<string>(StringComparer.Ordinal) { "alphapulse_ws_shm_latency_seconds_bucket" },
            PromQlNames.Of("histogram_quantile(0.99, sum by (exchange, le) (rate(alphapulse_ws_shm_latency_seconds_bucket{exchange=~\"$exchange\"}[$__rate_interval])))"));

    [Fact]
    public void ShouldNotTakeNumbersInScientificNotationForNames() =>
        Assert.Equal(new HashSet<string>(StringComparer.Ordinal) { "process_working_set_bytes" }, PromQlNames.Of("process_working_set_bytes > 2e9 * 1.5"));
}
