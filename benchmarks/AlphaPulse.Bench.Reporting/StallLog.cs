using System.Runtime.CompilerServices;

namespace AlphaPulse.Bench.Reporting;

/// <summary>
/// The windows in which one measuring thread did not run, as the thread saw them itself: between two
/// consecutive clock reads of its idle loop (the writer waiting for a send time, the reader polling an
/// empty ring) more than <see cref="GapNs"/> passed. An idle-loop iteration takes tens of nanoseconds,
/// so such a gap is time the thread was off its core: a preemption the guest's scheduler trace shows, or
/// one it cannot see (an interrupt, the host descheduling the whole VM). Gaps that span a ring operation
/// (a publish, a successful read) are never looked at, so a slow ring cannot hide its own cost here.
/// Pre-sized and pre-touched: noting a gap neither allocates nor faults. Single-threaded: one role owns it.
/// </summary>
public sealed class StallLog
{
    /// <summary>Twenty cross-core cache-line transfers: more than any idle-loop iteration takes while it runs.</summary>
    public const long GapNs = 2_000;

    public const string WriterSuffix = ".writer.stalls";
    public const string ReaderSuffix = ".reader.stalls";

    private readonly long[] _windows;
    private readonly int _capacity;

    /// <summary>Keeps up to <paramref name="capacity"/> windows (64 Ki: 1 MiB); more are counted, not kept, so the hops they held up are never excluded.</summary>
    public StallLog(int capacity = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _windows = new long[2 * capacity];
        Array.Fill(_windows, -1);
    }

    public int Count { get; private set; }

    /// <summary>Gaps beyond the capacity: not kept, so not excluded.</summary>
    public long Dropped { get; private set; }

    /// <summary>Two consecutive idle-loop clock reads: a gap longer than <see cref="GapNs"/> between them is kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Note(long previousNs, long nowNs)
    {
        if (nowNs - previousNs > GapNs)
        {
            Add(previousNs, nowNs);
        }
    }

    /// <summary>An idle-loop poll at <paramref name="nowNs"/> after one at <paramref name="previousNs"/>: notes the gap and returns <paramref name="nowNs"/>, the next poll's previous.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Polled(long previousNs, long nowNs)
    {
        Note(previousNs, nowNs);
        return nowNs;
    }

    /// <summary>Writes the kept windows as (from, to) pairs (<see cref="LongPairsFile"/>).</summary>
    public void Write(string path) => LongPairsFile.Write(path, _windows, Count);

    /// <summary>The windows a role left at <paramref name="path"/>, as gaps of thread <paramref name="tid"/>.</summary>
    public static IEnumerable<PreemptionGap> Read(string path, int tid)
    {
        var values = LongPairsFile.Read(path);
        for (var i = 0; i < values.Length; i += 2)
        {
            yield return new PreemptionGap(tid, values[i], values[i + 1]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Add(long fromNs, long toNs)
    {
        if (Count == _capacity)
        {
            Dropped++;
            return;
        }

        _windows[2 * Count] = fromNs;
        _windows[(2 * Count) + 1] = toNs;
        Count++;
    }
}
