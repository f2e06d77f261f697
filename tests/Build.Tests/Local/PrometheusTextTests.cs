using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Tests.Local;

public sealed class PrometheusTextTests
{
    private const string Exposition = """
        # HELP alphapulse_collector_messages_total Frames received, by what they were.
        # TYPE alphapulse_collector_messages_total counter
        alphapulse_collector_messages_total{type="depth"} 1200
        alphapulse_collector_messages_total{type="trade"} 34.5
        alphapulse_collector_messages_total_created 1.7e9
        alphapulse_shared_memory_latency_microseconds_sum 12.5
        alphapulse_shared_memory_latency_microseconds_count 5 1700000000000
        """;

    [Fact]
    public void ShouldSumEverySampleOfAMetricAcrossLabels() =>
        Assert.Equal(1234.5, PrometheusText.Sum(Exposition, "alphapulse_collector_messages_total"));

    [Fact]
    public void ShouldNotMistakeAMetricWhoseNameStartsTheSameWay() =>
        Assert.Equal(12.5, PrometheusText.Sum(Exposition, "alphapulse_shared_memory_latency_microseconds_sum"));

    [Fact]
    public void ShouldIgnoreTheTimestampAfterTheValue() =>
        Assert.Equal(5, PrometheusText.Sum(Exposition, "alphapulse_shared_memory_latency_microseconds_count"));

    [Fact]
    public void ShouldSayAMissingMetricIsAbsent() =>
        Assert.Null(PrometheusText.Sum(Exposition, "alphapulse_websocket_clients"));
}
