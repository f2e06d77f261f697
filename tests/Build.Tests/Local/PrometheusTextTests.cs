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
        alphapulse_ws_shm_latency_seconds_sum 12.5
        alphapulse_ws_shm_latency_seconds_count 5 1700000000000
        alphapulse_ws_shm_latency_seconds_bucket{exchange="binance",le="1e-06"} 1
        alphapulse_ws_shm_latency_seconds_bucket{exchange="binance",le="0.001"} 3
        alphapulse_ws_shm_latency_seconds_bucket{exchange="binance",le="+Inf"} 4
        alphapulse_ws_shm_latency_seconds_bucket{exchange="kraken",le="1e-06"} 0
        alphapulse_ws_shm_latency_seconds_bucket{exchange="kraken",le="0.001"} 2
        alphapulse_ws_shm_latency_seconds_bucket{exchange="kraken",le="+Inf"} 2
        """;

    [Fact]
    public void ShouldSumHistogramBucketsByUpperBoundAcrossOtherLabels() =>
        Assert.Equal([(1e-6, 1.0), (0.001, 5.0), (double.PositiveInfinity, 6.0)], PrometheusText.Buckets(Exposition, "alphapulse_ws_shm_latency_seconds"));

    [Fact]
    public void ShouldFindNoBucketsOfAMetricThatIsNotAHistogram() =>
        Assert.Empty(PrometheusText.Buckets(Exposition, "alphapulse_collector_messages_total"));

    [Fact]
    public void ShouldSumEverySampleOfAMetricAcrossLabels() =>
        Assert.Equal(1234.5, PrometheusText.Sum(Exposition, "alphapulse_collector_messages_total"));

    [Fact]
    public void ShouldNotMistakeAMetricWhoseNameStartsTheSameWay() =>
        Assert.Equal(12.5, PrometheusText.Sum(Exposition, "alphapulse_ws_shm_latency_seconds_sum"));

    [Fact]
    public void ShouldIgnoreTheTimestampAfterTheValue() =>
        Assert.Equal(5, PrometheusText.Sum(Exposition, "alphapulse_ws_shm_latency_seconds_count"));

    [Fact]
    public void ShouldSayAMissingMetricIsAbsent() =>
        Assert.Null(PrometheusText.Sum(Exposition, "alphapulse_websocket_clients"));
}
