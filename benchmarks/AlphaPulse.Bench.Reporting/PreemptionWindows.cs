namespace AlphaPulse.Bench.Reporting;

/// <summary>A measuring thread's preemption: from being switched out while runnable until it ran again (monotonic ns).</summary>
public readonly record struct PreemptionGap(int Tid, long FromNs, long ToNs);

/// <summary>
/// The windows in which any of a writer/reader pair was preempted, asked whether a hop's span (intended
/// send to receive) touches one: such a hop measured the other thread's slice, not the ring. Sorted by
/// start with a running maximum of the ends, so a query is one binary search. Immutable.
/// </summary>
public sealed class PreemptionWindows
{
    private readonly long[] _starts;
    private readonly long[] _maxEnds;

    public PreemptionWindows(IEnumerable<PreemptionGap> gaps, params int[] tids)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var windows = gaps.Where(gap => tids.Contains(gap.Tid)).OrderBy(gap => gap.FromNs).ToArray();
        _starts = [.. windows.Select(gap => gap.FromNs)];
        _maxEnds = new long[windows.Length];
        var maxEnd = long.MinValue;
        for (var i = 0; i < windows.Length; i++)
        {
            maxEnd = Math.Max(maxEnd, windows[i].ToNs);
            _maxEnds[i] = maxEnd;
        }
    }

    public int Count => _starts.Length;

    /// <summary>True when a window shares at least an instant with [<paramref name="fromNs"/>, <paramref name="toNs"/>].</summary>
    public bool Overlaps(long fromNs, long toNs)
    {
        // The last window starting at or before the span's end; any window up to it that ends at or after
        // the span's start touches it, and the running maximum says whether one does.
        var index = Array.BinarySearch(_starts, toNs);
        var last = index >= 0 ? LastEqual(index) : ~index - 1;
        return last >= 0 && _maxEnds[last] >= fromNs;
    }

    private int LastEqual(int index)
    {
        while (index + 1 < _starts.Length && _starts[index + 1] == _starts[index])
        {
            index++;
        }

        return index;
    }
}
