using System.Runtime.CompilerServices;
using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core;

namespace AlphaPulse.Collector.Pipeline;

/// <summary>
/// The per-frame path every connection runs: take the gate, let the session parse and apply the frame,
/// count it by outcome, and report bad frames with rate limiting (the connection continues).
/// Thread-safe through <see cref="Gate"/>; the benchmark drives exactly this path.
/// </summary>
public sealed class FramePipeline(FeedCounters counters, ILogger logger)
{
    private const int ExcerptBytes = 160;
    private static readonly long LogInterval = TimeSpan.FromSeconds(5).Ticks * 100;

    private readonly RateLimiter _badFrameLog = new(LogInterval);

    /// <summary>Serialises frames, snapshot completions, periodic snapshots and shutdown over one ring writer.</summary>
    public Lock Gate { get; } = new();

    public FeedCounters Counters => counters;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FrameOutcome Process(IFeedSession session, ReadOnlySpan<byte> frame, long receiveTime)
    {
        FrameOutcome outcome;
        using (Gate.EnterScope())
        {
            outcome = session.OnFrame(frame, receiveTime);
            counters.CountMessage(outcome);
        }
        if (outcome is FrameOutcome.Malformed or FrameOutcome.Unknown or FrameOutcome.ExchangeError)
        {
            OnBadFrame(outcome, frame);
        }
        return outcome;
    }

    /// <summary>A frame larger than the collector accepts: dropped and counted as malformed.</summary>
    public void CountOversizedFrame(ReadOnlySpan<byte> start)
    {
        using (Gate.EnterScope())
        {
            counters.CountMessage(FrameOutcome.Malformed);
            OnBadFrame(FrameOutcome.Malformed, start);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnBadFrame(FrameOutcome outcome, ReadOnlySpan<byte> frame)
    {
        bool report;
        long suppressed;
        using (Gate.EnterScope())
        {
            report = _badFrameLog.TryAcquire(MonotonicClock.NowNanoseconds(), out suppressed);
        }
        if (report && logger.IsEnabled(LogLevel.Warning))
        {
            var excerpt = Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, ExcerptBytes)]);
            CollectorLog.BadFrame(logger, outcome.ToString(), suppressed, excerpt);
        }
    }
}
