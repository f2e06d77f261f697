using System.Globalization;
using System.IO.MemoryMappedFiles;
using AlphaPulse.Bench.Reporting;
using AlphaPulse.Core;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The machine's floor for a shared-memory hop: the simplest correct single-producer single-consumer
/// hand-off between two processes, measured exactly as <see cref="ShmRoles"/> is (same 128 × 65,536
/// slot geometry in /dev/shm, same schedule, pinning, settings and recorder). A slot is
/// <c>{sequence, intended, published, index}</c>; the writer fills it and commits the sequence last
/// (release); the reader spins on the next slot's sequence (acquire), reads, and releases the slot by
/// storing its cursor. Lamport's queue: the writer reuses a slot only after the reader released it
/// (at the fixed rate it is never more than a few slots ahead of 65,536, so it never waits), hence no
/// torn read is possible and no re-check is needed. Nothing else: it is the reference, not a
/// competitor to tune.
/// </summary>
internal static unsafe class FloorRoles
{
    private const int SequenceOffset = 0;
    private const int IntendedOffset = 8;
    private const int PublishedOffset = 16;
    private const int IndexOffset = 24;
    /// <summary>The reader's cursor, alone in the first 128 bytes; slots follow.</summary>
    private const int CursorLength = 128;
    private const long Length = CursorLength + ((long)ShmRoles.SlotSize * ShmRoles.SlotCount);

    public static int Writer(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        using var map = MemoryMappedFile.CreateFromFile(a.Path, FileMode.CreateNew, null, Length, MemoryMappedFileAccess.ReadWrite);
        using var view = map.CreateViewAccessor(0, Length, MemoryMappedFileAccess.ReadWrite);
        var ring = Acquire(view, a.Settings.Prefault);
        Console.WriteLine("ready");
        _ = Console.ReadLine();

        var schedule = new SendSchedule(a.Rate);
        var stalls = new StallLog();
        var released = 0L;
        for (long i = 0; i < a.Count; i++)
        {
            released = WaitForSlot(ring, i + 1, released);
            Publish(ring, i + 1, schedule.WaitFor(i, stalls), i);
        }

        var elapsed = MonotonicClock.NowNanoseconds() - schedule.Start;
        _ = WaitForSlot(ring, a.Count + 1, released);
        Publish(ring, a.Count + 1, 0, ShmRoles.EndMarker);
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        stalls.Write(a.Path + StallLog.WriterSuffix);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result rate={a.Count * 1e9 / elapsed:F0} alloc=0 pinned={pinned}"));
        return 0;
    }

    public static int Reader(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        using var map = MemoryMappedFile.CreateFromFile(a.Path, FileMode.Open, null, Length, MemoryMappedFileAccess.ReadWrite);
        using var view = map.CreateViewAccessor(0, Length, MemoryMappedFileAccess.ReadWrite);
        var ring = Acquire(view, a.Settings.Prefault);
        var recorder = new LatencyRecorder(a.Settings.HdrRecording, a.Count - a.Warmup);
        Console.WriteLine("ready");

        long next = 1;
        var stalls = new StallLog();
        var polled = MonotonicClock.NowNanoseconds();
        while (true)
        {
            var slot = Slot(ring, next);

            // Acquire: the fields below are not loaded before the sequence that guards them.
            if (Volatile.Read(ref *(long*)(slot + SequenceOffset)) != next)
            {
                if (!a.Settings.BusySpin)
                {
                    Thread.SpinWait(1);
                }

                polled = stalls.Polled(polled, MonotonicClock.NowNanoseconds());
                continue;
            }

            var intended = *(long*)(slot + IntendedOffset);
            var published = *(long*)(slot + PublishedOffset);
            var index = *(long*)(slot + IndexOffset);
            var received = MonotonicClock.NowNanoseconds();
            polled = received;

            // Release: the slot is read before the writer may reuse it.
            Volatile.Write(ref *(long*)ring, next);
            next++;
            if (index == ShmRoles.EndMarker)
            {
                break;
            }

            if (index >= a.Warmup)
            {
                recorder.Record(intended, published, received);
            }
        }

        view.SafeMemoryMappedViewHandle.ReleasePointer();
        stalls.Write(a.Path + StallLog.ReaderSuffix);
        Console.WriteLine(recorder.ResultLine(string.Create(CultureInfo.InvariantCulture, $"lost=0 lapped=0 alloc=0 pinned={pinned}"), a.Path + LatencyRecorder.HistogramSuffix));
        return 0;
    }

    private static byte* Slot(byte* ring, long sequence) =>
        ring + CursorLength + (((sequence - 1) & (ShmRoles.SlotCount - 1)) * ShmRoles.SlotSize);

    /// <summary>Returns once the reader has released the slot <paramref name="sequence"/> reuses (acquire).</summary>
    private static long WaitForSlot(byte* ring, long sequence, long released)
    {
        while (sequence - released > ShmRoles.SlotCount)
        {
            released = Volatile.Read(ref *(long*)ring);
        }

        return released;
    }

    private static void Publish(byte* ring, long sequence, long intended, long index)
    {
        var slot = Slot(ring, sequence);
        *(long*)(slot + IntendedOffset) = intended;
        *(long*)(slot + PublishedOffset) = MonotonicClock.NowNanoseconds();
        *(long*)(slot + IndexOffset) = index;

        // Release: the fields are visible before the sequence that commits them.
        Volatile.Write(ref *(long*)(slot + SequenceOffset), sequence);
    }

    private static byte* Acquire(MemoryMappedViewAccessor view, bool prefault)
    {
        byte* ring = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref ring);
        ring += view.PointerOffset;
        if (prefault)
        {
            var sum = 0L;
            for (long offset = 0; offset < Length; offset += 4096)
            {
                sum += Volatile.Read(ref ring[offset]);
            }

            GC.KeepAlive(sum);
        }

        return ring;
    }
}
