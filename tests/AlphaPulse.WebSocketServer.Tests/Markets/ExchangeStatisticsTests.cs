using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Tests.Markets;

/// <summary>One exchange's feed figures per stats window, fed with chosen clock readings.</summary>
public sealed class ExchangeStatisticsTests
{
    // Each test its own label: the Prometheus children are process-wide.
    private readonly string _exchange = "test-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void ShouldReportTheWindowsMeanAndMaxLatencyThenStartAfresh()
    {
        var statistics = new ExchangeStatistics(_exchange);
        statistics.OnRecord(publishTime: 1_000, nowNs: 3_000, live: true);
        statistics.OnRecord(publishTime: 1_000, nowNs: 7_000, live: true);

        var first = statistics.CloseWindow(nowNs: 8_000, windowMs: 1000, Figures());
        var second = statistics.CloseWindow(nowNs: 9_000, windowMs: 1000, Figures());

        Assert.Equal((4.0, 6.0), (first.ShmLatencyMeanUs, first.ShmLatencyMaxUs));
        Assert.Equal((0.0, 0.0), (second.ShmLatencyMeanUs, second.ShmLatencyMaxUs));
    }

    [Fact]
    public void ShouldReportRecordsPerSecondOfEachWindow()
    {
        var statistics = new ExchangeStatistics(_exchange);
        for (var i = 0; i < 5; i++)
        {
            statistics.OnRecord(publishTime: 1, nowNs: 2, live: true);
        }

        var first = statistics.CloseWindow(nowNs: 2, windowMs: 1000, Figures());
        statistics.OnRecord(publishTime: 1, nowNs: 2, live: true);
        statistics.OnRecord(publishTime: 1, nowNs: 2, live: true);
        var second = statistics.CloseWindow(nowNs: 2, windowMs: 500, Figures());

        Assert.Equal(5, first.MessagesPerSecond);
        Assert.Equal(4, second.MessagesPerSecond);
        Assert.Equal(7, statistics.Records);
    }

    [Fact]
    public void ShouldReportTheDataAgeFromTheNewestPublishTimeAndNoneBeforeTheFirstRecord()
    {
        var statistics = new ExchangeStatistics(_exchange);
        var gauge = ServerMetrics.DataAge.WithLabels(_exchange);
        var before = statistics.CloseWindow(nowNs: 5_000_000, windowMs: 1000, Figures());
        var gaugeBefore = gauge.Value;
        statistics.OnRecord(publishTime: 1_000_000, nowNs: 1_500_000, live: true);

        var after = statistics.CloseWindow(nowNs: 5_000_000, windowMs: 1000, Figures());
        var gaugeAfter = gauge.Value;
        var current = statistics.CloseWindow(nowNs: 1_000_000, windowMs: 1000, Figures());

        Assert.Equal(-1, before.DataAgeMs);
        Assert.True(double.IsNaN(gaugeBefore), $"an exchange without a record has no data age, not {gaugeBefore}");
        Assert.Equal(4, after.DataAgeMs);
        Assert.Equal(0.004, gaugeAfter, precision: 9);
        Assert.Equal((0.0, 0.0), (current.DataAgeMs, gauge.Value));
    }

    [Fact]
    public void ShouldAddOnlyTheRecordsLostSinceTheLastWindowToTheLostCounter()
    {
        var statistics = new ExchangeStatistics(_exchange);

        statistics.CloseWindow(nowNs: 1, windowMs: 1000, Figures(lost: 5));
        var stats = statistics.CloseWindow(nowNs: 1, windowMs: 1000, Figures(lost: 8));

        Assert.Equal(8, ServerMetrics.RingLost.WithLabels(_exchange).Value);
        Assert.Equal(8, stats.Lost);
    }

    [Fact]
    public void ShouldBeLiveOnlyWithinTheStalePeriodOfTheLastRead()
    {
        var statistics = new ExchangeStatistics(_exchange);
        Assert.False(statistics.IsLive(nowMs: 100_000, TimeSpan.FromSeconds(1)));

        statistics.OnRead(nowMs: 100_000);

        Assert.True(statistics.IsLive(nowMs: 100_999, TimeSpan.FromSeconds(1)));
        Assert.False(statistics.IsLive(nowMs: 101_000, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ShouldPassTheFeedsFiguresThroughToTheStatsMessage()
    {
        var statistics = new ExchangeStatistics(_exchange);

        var stats = statistics.CloseWindow(nowNs: 1, windowMs: 1000, new FeedFigures(Lost: 3, Resyncs: 2, Sources: "binance-a.ring", Symbols: 4, Clients: 7, Replicas: []));

        Assert.Equal((3L, 2L, "binance-a.ring", 4, 7), (stats.Lost, stats.Resyncs, stats.Source, stats.Symbols, stats.Clients));
    }

    [Fact]
    public void ShouldReportTheWindowsMedianAndP99LatencyFromEveryRecord()
    {
        var statistics = new ExchangeStatistics(_exchange);
        for (var i = 1; i <= 100; i++)
        {
            statistics.OnRecord(publishTime: 0, nowNs: i * 1_000, live: true);
        }

        var stats = statistics.CloseWindow(nowNs: 200_000, windowMs: 1000, Figures());

        Assert.Equal(50, stats.ShmLatencyP50Us, precision: 0);
        Assert.Equal(99, stats.ShmLatencyP99Us, precision: 0);
        Assert.Equal(100, stats.ShmLatencyMaxUs);
    }

    [Fact]
    public void ShouldLeaveTheStartUpBacklogOutOfThePrometheusHistogram()
    {
        var statistics = new ExchangeStatistics(_exchange);
        var histogram = ServerMetrics.ShmLatency.WithLabels(_exchange);

        statistics.OnRecord(publishTime: 0, nowNs: 5_000_000_000, live: false);
        statistics.OnRecord(publishTime: 0, nowNs: 20_000, live: true);

        Assert.Equal(1, histogram.Count);
        Assert.Equal(20e-6, histogram.Sum, precision: 12);
        Assert.Equal(2, statistics.Records);
    }

    private static FeedFigures Figures(long lost = 0) => new(lost, 0, "binance-a.ring", 1, 0, []);
}
