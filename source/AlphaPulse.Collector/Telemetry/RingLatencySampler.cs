using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Telemetry;

/// <summary>
/// Measures <c>alphapulse_collector_shm_latency_seconds</c> the way any reader sees it: a reader of
/// the collector's own ring that, once a second, spins for a short window and records publish → read
/// time of every record it sees (a few percent of one core instead of a whole one). Its own thread.
/// </summary>
internal sealed class RingLatencySampler(CollectorSettings settings, CollectorMetrics metrics) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly long WindowNanoseconds = TimeSpan.FromMilliseconds(20).Ticks * 100;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Sample(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Sample(CancellationToken stoppingToken)
    {
        using var reader = RingReader.Open(settings.RingPath, new ReaderOptions { Start = StartPosition.Newest, Idle = IdleMode.SpinThenYield });
        while (!stoppingToken.WaitHandle.WaitOne(Period))
        {
            reader.Seek(StartPosition.Newest);
            var end = MonotonicClock.NowNanoseconds() + WindowNanoseconds;
            while (MonotonicClock.NowNanoseconds() < end)
            {
                if (reader.TryRead(out var record))
                {
                    metrics.SharedMemoryLatency.Observe((MonotonicClock.NowNanoseconds() - record.PublishTime) / 1e9);
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }
        }
    }
}
