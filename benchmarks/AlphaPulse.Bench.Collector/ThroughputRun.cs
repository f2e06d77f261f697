using System.Diagnostics;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;
using HdrHistogram;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// One measured pass of the production per-frame path — <see cref="FramePipeline.Process"/>: gate, the exchange's
/// parse, sequence or checksum check, book apply, delta publish into a real ring, counters and the receive → publish
/// histogram — over a recording, on the calling thread. A fresh ring, book and session per pass.
/// </summary>
internal static class ThroughputRun
{
    /// <summary>
    /// One pass: throughput figures, and each frame's publish latency — from its receive stamp to the
    /// end of <see cref="FramePipeline.Process"/>, the records in the ring — as p50/p99/p99.9 in ns.
    /// </summary>
    public sealed record Result(double Seconds, long Messages, long AllocatedBytes, double CompressionRatio, long Records, long Resyncs, (long P50, long P99, long P999) PublishLatency);

    public static Result Run(IVenueRecording recording, string directory)
    {
        var path = Path.Combine(directory, $"bench-{Environment.ProcessId}-{Guid.NewGuid():N}.ring");
        _ = SymbolName.TryParse(recording.Symbol, out var symbol);
        var adapter = recording.CreateAdapter();
        _ = adapter.TryMapSymbol(symbol, out var exchangeSymbol);
        var instruments = new[] { new InstrumentBinding(0, symbol, exchangeSymbol) };
        try
        {
            using var ring = RingWriter.Open(path, new RingOptions { SlotCount = 1 << 16, Instruments = [new InstrumentSpec(recording.Symbol, 8, 8)] });
            var counters = new FeedCounters();
            var histogram = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()).CreateHistogram("receive_to_publish_seconds", "bench", new HistogramConfiguration { Buckets = [1e-6, 2e-6, 5e-6, 10e-6, 20e-6, 50e-6, 100e-6, 1e-3] });
            var publisher = new BookPublisher(ring, recording.Depth, counters, histogram, adapter.HasBookSequence);
            var pipeline = new FramePipeline(counters, NullLogger.Instance);
            using var closed = new CancellationTokenSource();
            using var session = adapter.CreateSession(new FeedContext
            {
                Instruments = instruments,
                Sink = publisher,
                Gate = pipeline.Gate,
                Counters = counters,
                BookDepth = recording.Depth,
                PriceScale = 8,
                SizeScale = 8,
                Logger = NullLogger.Instance,
                ConnectionClosed = closed.Token,
            });
            session.OnConnectedAsync(new DiscardingSender(), closed.Token).AsTask().GetAwaiter().GetResult();

            foreach (var frame in recording.Priming)
            {
                _ = pipeline.Process(session, frame, MonotonicClock.NowNanoseconds());
            }
            if (!publisher.IsLive(0))
            {
                throw new InvalidOperationException($"the recording's priming frames must make the book live: exchange={recording.Exchange}, live=false (regenerate the recording)");
            }

            var latency = new LongHistogram(1_000_000_000L, 3);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var frames = recording.Frames;
            for (var i = 0; i < frames.Count; i++)
            {
                var received = MonotonicClock.NowNanoseconds();
                _ = pipeline.Process(session, frames.Frame(i), received);
                latency.RecordValue(Math.Clamp(MonotonicClock.NowNanoseconds() - received, 0, 1_000_000_000L));
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            closed.Cancel();
            var resyncs = 0L;
            foreach (var reason in Enum.GetValues<ResyncReason>())
            {
                resyncs += counters.Resyncs(reason);
            }
            return new Result(elapsed.TotalSeconds, frames.Count, allocated, counters.CompressionRatio, ring.LastSequence, resyncs + counters.Messages(FrameOutcome.Malformed) + counters.Messages(FrameOutcome.Gap),
                (latency.GetValueAtPercentile(50), latency.GetValueAtPercentile(99), latency.GetValueAtPercentile(99.9)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Subscriptions go nowhere: the recording is the feed.</summary>
    private sealed class DiscardingSender : IFeedSender
    {
        public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
