using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// A throttled reader on a wrapping ring with several instruments, its writer in another process
/// (docs/shm-format.md §7, format version 3): after it is lapped and resumes, every book is back.
/// </summary>
public sealed class LappedReaderBookTests : IDisposable
{
    private const int SlotCount = 1024;

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public async Task ShouldRebuildEveryInstrumentsBookEqualToTheWritersAfterBeingLapped()
    {
        using var writer = ChildProcess.Start("books", _ring.Path, SlotCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _ = writer.ReadLineStartingWith("ready");
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        var books = new RebuiltBooks(BookScript.Instruments);
        writer.WriteLine("go");

        // Phase 1: read 50 records a millisecond while the writer runs flat out, lapped again and again.
        var phase1 = Task.Run(() => writer.ReadLineStartingWith("phase1"));
        while (!phase1.IsCompleted)
        {
            ReadSome(reader, books, 50);
            Thread.Sleep(1);
        }

        _ = await phase1;
        var lappedInPhase1 = reader.Lapped;

        // Phase 2 runs while this reader does not read at all: a filler longer than the ring, then
        // every instrument's last snapshot, staggered among deltas, all within one ring.
        writer.WriteLine("go2");
        var expected = Enumerable.Range(0, BookScript.Instruments).Select(_ => writer.ReadLineStartingWith("book ")).ToArray();
        _ = writer.ReadLineStartingWith("done");
        var lostBefore = reader.Lost;
        ReadToEndMarker(reader, books);

        Assert.True(lappedInPhase1 > 0, $"the throttled reader was lapped while the writer ran: lapped={lappedInPhase1}");
        Assert.True(reader.Lapped > lappedInPhase1 && reader.Lost > lostBefore, $"the idle reader was lapped in phase 2: lapped={reader.Lapped}, lost={reader.Lost}");
        for (var id = 0; id < BookScript.Instruments; id++)
        {
            Assert.True(books.IsComplete(id), $"instrument {id} has its book back after the lap");
            Assert.Equal(expected[id], $"book {id} {books.Describe(id)}");
        }
    }

    private static void ReadSome(RingReader reader, RebuiltBooks books, int most)
    {
        for (var i = 0; i < most && reader.TryRead(out var record); i++)
        {
            books.Apply(record);
        }
    }

    private static void ReadToEndMarker(RingReader reader, RebuiltBooks books)
    {
        while (true)
        {
            Assert.True(reader.TryRead(out var record), "the writer's end marker is in the ring");
            books.Apply(record);
            if (record.Type == RecordType.Heartbeat && record.HeartbeatWallClock == -1)
            {
                return;
            }
        }
    }
}
