namespace AlphaPulse.Bench.Shm;

/// <summary>
/// How a harness child prepares itself before it measures: the candidates of issue 13 for the tail
/// the suite added around the roles, each one a switch so that the candidate study
/// (<see cref="CandidateStudy"/>) can measure it alone. <see cref="Default"/> is what the suite runs.
/// Immutable.
/// </summary>
internal sealed record HarnessSettings(bool PinRuntimeThreads, bool Prefault, bool RaisePriority, bool BusySpin, bool HdrRecording)
{
    /// <summary>The suite's settings: every thread of a child on its core, ring prefaulted, nice −20, busy-spin, HdrHistogram.</summary>
    public static HarnessSettings Default { get; } = new(PinRuntimeThreads: true, Prefault: true, RaisePriority: true, BusySpin: true, HdrRecording: true);

    public static HarnessSettings Parse(string[] args) => new(
        PinRuntimeThreads: !args.Contains("--no-pin-runtime-threads"),
        Prefault: !args.Contains("--no-prefault"),
        RaisePriority: !args.Contains("--no-priority"),
        BusySpin: !args.Contains("--spin-then-yield"),
        HdrRecording: !args.Contains("--raw-recording"));

    public IEnumerable<string> ToArgs()
    {
        if (!PinRuntimeThreads)
        {
            yield return "--no-pin-runtime-threads";
        }

        if (!Prefault)
        {
            yield return "--no-prefault";
        }

        if (!RaisePriority)
        {
            yield return "--no-priority";
        }

        if (!BusySpin)
        {
            yield return "--spin-then-yield";
        }

        if (!HdrRecording)
        {
            yield return "--raw-recording";
        }
    }

    /// <summary>
    /// Pins the calling (measuring) thread to <paramref name="cpu"/>, and, when set, every other thread
    /// of this process too (GC, finalizer, stdin reader), so none of them wakes on the other role's
    /// core; then raises the measuring thread's priority when set. True when all of it held.
    /// </summary>
    public bool Apply(int cpu)
    {
        var pinned = PinRuntimeThreads ? CpuAffinity.PinProcess(cpu) : CpuAffinity.PinCurrentThread(cpu);
        return pinned && (!RaisePriority || CpuAffinity.RaisePriority());
    }
}
