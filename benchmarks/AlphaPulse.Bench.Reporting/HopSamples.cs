using HdrHistogram;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// One reader's hops split for the stall windows: a histogram of those kept whatever the windows say (at or
/// under <see cref="SplitNs"/>, the shortest stall a thread logs, so no stall fits inside them; and slow ones
/// beyond the capacity) and the other slow ones one by one as (intended send, receive) on the monotonic clock,
/// which is the scheduler trace's clock too.
/// The reader role fills it (the slow array is pre-sized and pre-touched, so recording neither allocates
/// nor faults) and writes it beside its histogram; the suite loads it back and keeps the hops that no
/// measured thread's stall overlapped (<see cref="Unstalled"/>). Single-threaded.
/// </summary>
public sealed class HopSamples
{
    /// <summary>Beside the histogram log: the always-kept hops' histogram, and the slow hops as little-endian pairs.</summary>
    public const string KeptAlwaysSuffix = ".kept.hist";
    public const string SlowSuffix = ".slow";

    /// <summary>
    /// Hops over this are kept one by one. It was the 10 µs target once; then every hop a 2–10 µs stall held up
    /// counted as the ring's own, and one quick run's unstalled p99 ratio read 2.95 where its neighbours read 0.9 and 1.5.
    /// </summary>
    public const long SplitNs = StallLog.GapNs;

    /// <summary>The histograms' highest trackable value: 10 s, in nanoseconds.</summary>
    public const long HighestNs = 10_000_000_000L;

    private readonly long[] _slow;

    /// <summary>Keeps up to <paramref name="slowCapacity"/> slow hops one by one (1 Mi: 16 MiB); more are counted, not kept.</summary>
    public HopSamples(int slowCapacity = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slowCapacity);
        _slow = new long[2 * slowCapacity];
        Array.Fill(_slow, -1);
    }

    private HopSamples(LongHistogram keptAlways, long[] slow, long count)
    {
        KeptAlways = keptAlways;
        _slow = slow;
        SlowCount = count;
    }

    public LongHistogram KeptAlways { get; } = new(HighestNs, 3);

    public long SlowCount { get; private set; }

    /// <summary>Slow hops beyond the capacity: in <see cref="KeptAlways"/>, so never excluded.</summary>
    public long SlowDropped { get; private set; }

    /// <summary>One hop of <paramref name="latency"/> ns (received − intended, clamped): slow ones one by one, the rest counted.</summary>
    public void Add(long intended, long received, long latency)
    {
        if (latency > SplitNs)
        {
            AddSlow(intended, received);
        }
        else
        {
            KeptAlways.RecordValue(latency);
        }
    }

    public void AddSlow(long intended, long received)
    {
        if (SlowCount == _slow.Length / 2)
        {
            // Not kept one by one, so never excluded: it counts as the ring's own.
            SlowDropped++;
            KeptAlways.RecordValue(Math.Clamp(received - intended, 0, HighestNs));
            return;
        }

        _slow[2 * SlowCount] = intended;
        _slow[(2 * SlowCount) + 1] = received;
        SlowCount++;
    }

    public void Write(string histogramPath)
    {
        HistogramFile.Write(histogramPath + KeptAlwaysSuffix, KeptAlways);
        LongPairsFile.Write(histogramPath + SlowSuffix, _slow, SlowCount);
    }

    /// <summary>What a reader role left beside <paramref name="histogramPath"/>.</summary>
    public static HopSamples Read(string histogramPath)
    {
        var keptAlways = HistogramFile.Read(histogramPath + KeptAlwaysSuffix);
        var slow = LongPairsFile.Read(histogramPath + SlowSuffix);
        return new HopSamples(keptAlways, slow, slow.Length / 2);
    }

    /// <summary>
    /// The hops whose span from intended send to receive no window in <paramref name="preempted"/> touches:
    /// those kept always, and the slow ones another thread did not hold up. Returns them as a histogram and
    /// how many slow hops were left out.
    /// </summary>
    public (LongHistogram Kept, long Excluded) Unstalled(PreemptionWindows preempted)
    {
        ArgumentNullException.ThrowIfNull(preempted);
        return Collect(preempted.Overlaps);
    }

    /// <summary>Every hop, the reader's whole from-intended distribution.</summary>
    public LongHistogram All() => Collect(static (_, _) => false).Kept;

    private (LongHistogram Kept, long Excluded) Collect(Func<long, long, bool> exclude)
    {
        var kept = new LongHistogram(HighestNs, 3);
        kept.Add(KeptAlways);
        var excluded = 0L;
        for (var i = 0; i < SlowCount; i++)
        {
            var (intended, received) = (_slow[2 * i], _slow[(2 * i) + 1]);
            if (exclude(intended, received))
            {
                excluded++;
            }
            else
            {
                kept.RecordValue(Math.Clamp(received - intended, 0, HighestNs));
            }
        }

        return (kept, excluded);
    }
}
