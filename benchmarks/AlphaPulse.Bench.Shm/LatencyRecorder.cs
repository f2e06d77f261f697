using System.Globalization;
using AlphaPulse.Bench.Reporting;
using HdrHistogram;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// One-way latencies of one run, in nanoseconds: measured from the intended send time (so a stalled
/// writer's backlog counts, i.e. corrected for coordinated omission) and from the actual publish time.
/// Records into HdrHistograms as it goes, or (<c>hdr: false</c>, a candidate of the study) into
/// pre-sized arrays that fill the histograms only at the end. From-intended latencies are split as they
/// are recorded (<see cref="HopSamples"/>): samples over <see cref="HopSamples.SplitNs"/> one by one with their send
/// and receive times, the rest in a histogram, so the suite can tell the hops another thread interrupted
/// from the ring's own; the whole distribution is derived from the two at the end.
/// Single-threaded: the reader role owns it.
/// </summary>
internal sealed class LatencyRecorder
{
    /// <summary>The seed's target for one shared-memory hop; samples above it are counted one by one.</summary>
    public const long TargetNs = 10_000;

    /// <summary>The reader role leaves its from-intended histogram at the ring's path plus this, for merging runs.</summary>
    public const string HistogramSuffix = ".hist";

    public const long Highest = HopSamples.HighestNs;

    private readonly LongHistogram _fromPublish = new(Highest, 3);
    private readonly HopSamples _hops = new();
    private readonly long[]? _rawIntended;
    private readonly long[]? _rawPublish;

    /// <summary>Hops over the <see cref="TargetNs"/> target, counted as they come: the split is at a lower bound.</summary>
    private long _overTarget;

    public LatencyRecorder(bool hdr = true, long capacity = 0)
    {
        if (!hdr)
        {
            _rawIntended = new long[capacity];
            _rawPublish = new long[capacity];
        }
    }

    public long Count { get; private set; }

    public void Record(long intended, long published, long received)
    {
        var fromIntended = Math.Clamp(received - intended, 0, Highest);
        var fromPublish = Math.Clamp(received - published, 0, Highest);
        _overTarget += fromIntended > TargetNs ? 1 : 0;
        if (_rawIntended is not null && _rawPublish is not null)
        {
            if (Count < _rawIntended.Length)
            {
                _rawIntended[Count] = fromIntended;
                _rawPublish[Count] = fromPublish;
            }

            if (fromIntended > HopSamples.SplitNs)
            {
                _hops.AddSlow(intended, received);
            }
        }
        else
        {
            // One from-intended record per hop: the whole histogram is derived from the split at the end.
            _hops.Add(intended, received, fromIntended);
            _fromPublish.RecordValue(fromPublish);
        }

        Count++;
    }

    /// <summary>
    /// One "result" line the harness parses: percentiles of both histograms plus extra fields; the
    /// from-intended histogram is also written to <paramref name="histogramPath"/> (HdrHistogram log), and
    /// the samples one by one beside it (<see cref="HopSamples.Write"/>).
    /// </summary>
    public string ResultLine(string extra, string histogramPath)
    {
        if (_rawIntended is not null && _rawPublish is not null)
        {
            for (var i = 0; i < Math.Min(Count, _rawIntended.Length); i++)
            {
                _fromPublish.RecordValue(_rawPublish[i]);
                if (_rawIntended[i] <= HopSamples.SplitNs)
                {
                    _hops.KeptAlways.RecordValue(_rawIntended[i]);
                }
            }
        }

        var fromIntended = _hops.All();
        if (fromIntended.TotalCount == 0)
        {
            throw new InvalidOperationException($"the reader recorded no message after the warm-up, so there is no latency to report ({extra.Trim()}): on a machine this busy the writer laps the reader; run the bench when the load is lower");
        }

        HistogramFile.Write(histogramPath, fromIntended);

        _hops.Write(histogramPath);
        return string.Create(CultureInfo.InvariantCulture,
            $"result count={Count} p50={fromIntended.GetValueAtPercentile(50)} p99={fromIntended.GetValueAtPercentile(99)} p999={fromIntended.GetValueAtPercentile(99.9)} p9999={fromIntended.GetValueAtPercentile(99.99)} max={fromIntended.GetMaxValue()} over_target={_overTarget} slow_dropped={_hops.SlowDropped} pub_p50={_fromPublish.GetValueAtPercentile(50)} pub_p99={_fromPublish.GetValueAtPercentile(99)} pub_p999={_fromPublish.GetValueAtPercentile(99.9)} pub_max={_fromPublish.GetMaxValue()} {extra}");
    }
}
