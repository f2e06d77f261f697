using System.Globalization;
using HdrHistogram;

namespace AlphaPulse.Bench;

/// <summary>
/// One-way latencies of one run, in nanoseconds: measured from the intended send time (so a stalled
/// writer's backlog counts, i.e. corrected for coordinated omission) and from the actual publish time.
/// Single-threaded: the reader role owns it.
/// </summary>
internal sealed class LatencyRecorder
{
    private const long Highest = 10_000_000_000L;

    private readonly LongHistogram _fromIntended = new(Highest, 3);
    private readonly LongHistogram _fromPublish = new(Highest, 3);

    public long Count { get; private set; }

    public void Record(long intended, long published, long received)
    {
        _fromIntended.RecordValue(Math.Clamp(received - intended, 0, Highest));
        _fromPublish.RecordValue(Math.Clamp(received - published, 0, Highest));
        Count++;
    }

    /// <summary>One "result" line the harness parses: percentiles of both histograms plus extra fields.</summary>
    public string ResultLine(string extra) => string.Create(CultureInfo.InvariantCulture,
        $"result count={Count} p50={_fromIntended.GetValueAtPercentile(50)} p99={_fromIntended.GetValueAtPercentile(99)} p999={_fromIntended.GetValueAtPercentile(99.9)} max={_fromIntended.GetMaxValue()} pub_p50={_fromPublish.GetValueAtPercentile(50)} pub_p99={_fromPublish.GetValueAtPercentile(99)} pub_p999={_fromPublish.GetValueAtPercentile(99.9)} pub_max={_fromPublish.GetMaxValue()} {extra}");
}
