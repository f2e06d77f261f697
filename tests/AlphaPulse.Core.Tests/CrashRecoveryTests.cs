using System.Globalization;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// A writer killed (SIGKILL, a real child process) at each step of the publish protocol
/// (docs/shm-format.md §6: claim, write, commit, advertise), then a successor writer: readers see
/// exactly the records that were committed, each once, in sequence order, and nothing half-written.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const long CommittedBeforeCrash = 5;
    private const int SuccessorRecords = 3;

    private static readonly RingOptions Options = new() { SlotSize = 128, SlotCount = 1024, Instruments = [new InstrumentSpec("TEST-USD", 8, 8)] };

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData("claim", false)]
    [InlineData("write", false)]
    [InlineData("commit", true)]
    [InlineData("advertise", true)]
    public void ShouldShowReadersExactlyTheCommittedRecordsWhenTheWriterDiesAndRestarts(string diedAfter, bool lastRecordCommitted)
    {
        var committed = CommittedBeforeCrash + (lastRecordCommitted ? 1 : 0);
        using var waiting = RingReader.Open(CreateEmptyRing(), new ReaderOptions { Start = StartPosition.Oldest });
        using (var writer = ChildProcess.Start("crash-after", _ring.Path, diedAfter, CommittedBeforeCrash.ToString(CultureInfo.InvariantCulture)))
        {
            Assert.Equal($"crashed-after {diedAfter} {CommittedBeforeCrash + 1}", writer.ReadLineStartingWith("crashed-after"));
            writer.KillHard();
        }

        // Before the restart: the committed records and no more, however long the reader polls.
        Assert.Equal(Expected(1, committed, epoch: 2), ReadAvailable(waiting));
        Assert.False(waiting.TryRead(out _));

        using var successor = RingWriter.Open(_ring.Path, Options);
        Assert.Equal((false, 3u, committed), (successor.Created, successor.Epoch, successor.LastSequence));
        for (var i = 1; i <= SuccessorRecords; i++)
        {
            Assert.Equal(committed + i, successor.PublishTrade(ChecksummedTrades.Create((ulong)(committed + i))));
        }

        // After it: the waiting reader continues with the successor's records, flagged as a new epoch,
        // and a reader opened now finds the whole history, each committed record once.
        Assert.Equal(Expected(committed + 1, SuccessorRecords, epoch: 3), ReadAvailable(waiting));
        Assert.Equal(1, waiting.EpochChanges);
        using var late = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        Assert.Equal([.. Expected(1, committed, epoch: 2), .. Expected(committed + 1, SuccessorRecords, epoch: 3)], ReadAvailable(late));
        Assert.Equal(0, waiting.Lost + late.Lost);
    }

    /// <summary>A ring created (epoch 1) and closed cleanly, so a reader can attach before the crashing writer starts.</summary>
    private string CreateEmptyRing()
    {
        RingWriter.Open(_ring.Path, Options).Dispose();
        return _ring.Path;
    }

    private static List<(long Sequence, uint Epoch)> Expected(long first, long count, uint epoch)
    {
        var records = new List<(long, uint)>();
        for (var sequence = first; sequence < first + count; sequence++)
        {
            records.Add((sequence, epoch));
        }

        return records;
    }

    /// <summary>Every record the reader can read now; each must be a whole checksummed trade carrying its own sequence.</summary>
    private static List<(long Sequence, uint Epoch)> ReadAvailable(RingReader reader)
    {
        var records = new List<(long, uint)>();
        while (reader.TryRead(out var record))
        {
            Assert.Equal(RecordType.Trade, record.Type);
            Assert.True(ChecksummedTrades.IsValid(record.Trade), $"torn record at sequence {record.Sequence}");
            Assert.Equal(record.Sequence, record.Trade.ReceiveTime);
            records.Add((record.Sequence, record.Epoch));
        }

        return records;
    }
}
