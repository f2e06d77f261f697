using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Telemetry;

/// <summary>
/// Measures <c>alphapulse_collector_shm_latency_seconds</c> the way any reader sees it: a reader of
/// the collector's own ring that, ten times a second, spins for 2 ms and records publish → read time
/// of every record it sees (2 % of one core instead of a whole one). Its own thread.
/// </summary>
/// <remarks>
/// Short windows, often: a spinning window holds its core for its whole length, and on a small host
/// where several collectors share the cores with the WebSocket server's reader, 20 ms windows once a
/// second took that reader's core for 18–19 ms at a time (ftrace sched_switch, DeliveryTest on 2 cores).
/// 2 ms windows ten times a second keep the duty cycle and the number of records sampled, and stay
/// below the scheduler's 3 ms base slice.
/// </remarks>
internal sealed class RingLatencySampler(CollectorSettings settings, CollectorMetrics metrics) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private static readonly long WindowNanoseconds = TimeSpan.FromMilliseconds(2).Ticks * 100;

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
