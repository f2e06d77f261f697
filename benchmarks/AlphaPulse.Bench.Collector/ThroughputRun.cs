using System.Diagnostics;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace AlphaPulse.Bench.Collector;

/// <summary>
/// One measured pass of the production per-frame path — <see cref="FramePipeline.Process"/>: gate, Binance
/// parse, sequence check, book apply, delta publish into a real ring, counters and the receive → publish
/// histogram — over a recording, on the calling thread. A fresh ring, book and session per pass.
/// </summary>
internal static class ThroughputRun
{
    public sealed record Result(double Seconds, long Messages, long AllocatedBytes, double CompressionRatio, long Records, long Resyncs);

    public static Result Run(BinanceRecording recording, string directory)
    {
        var path = Path.Combine(directory, $"bench-{Environment.ProcessId}-{Guid.NewGuid():N}.ring");
        var instruments = new[] { new InstrumentBinding(0, new SymbolName("BTC", "USDT"), "BTCUSDT") };
        try
        {
            using var ring = RingWriter.Open(path, new RingOptions { SlotCount = 1 << 16, Instruments = [new InstrumentSpec("BTC-USDT", 8, 8)] });
            var counters = new FeedCounters();
            var histogram = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()).CreateHistogram("receive_to_publish_microseconds", "bench", new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 1000] });
            var publisher = new BookPublisher(ring, 1000, counters, histogram, bookSequences: true);
            var pipeline = new FramePipeline(counters, NullLogger.Instance);
            using var closed = new CancellationTokenSource();
            using var session = new BinanceAdapter(new RecordedSnapshot(recording.SnapshotBody)).CreateSession(new FeedContext
            {
                Instruments = instruments,
                Sink = publisher,
                Gate = pipeline.Gate,
                Counters = counters,
                BookDepth = 1000,
                PriceScale = 8,
                SizeScale = 8,
                Logger = NullLogger.Instance,
                ConnectionClosed = closed.Token,
            });

            // The priming frame buffers and triggers the (already answered) snapshot: the book goes live.
            _ = pipeline.Process(session, recording.PrimingFrame, MonotonicClock.NowNanoseconds());
            if (!publisher.IsLive(0))
            {
                throw new InvalidOperationException("the recording's snapshot must make the book live after the first frame: live=false (regenerate the recording)");
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < recording.Count; i++)
            {
                _ = pipeline.Process(session, recording.Frame(i), MonotonicClock.NowNanoseconds());
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var resyncs = 0L;
            foreach (var reason in Enum.GetValues<ResyncReason>())
            {
                resyncs += counters.Resyncs(reason);
            }
            return new Result(elapsed.TotalSeconds, recording.Count, allocated, counters.CompressionRatio, ring.LastSequence, resyncs + counters.Messages(FrameOutcome.Malformed) + counters.Messages(FrameOutcome.Gap));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The recording's REST snapshot, already answered.</summary>
    private sealed class RecordedSnapshot(byte[] body) : IDepthSnapshotSource
    {
        public Task<byte[]> FetchAsync(string exchangeSymbol, int limit, CancellationToken cancellationToken) => Task.FromResult(body);
    }
}
