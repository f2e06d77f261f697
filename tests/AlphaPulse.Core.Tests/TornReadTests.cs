using System.Globalization;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// A reader spinning at the head of the ring races every publish of a writer in another process. The
/// writer's claim (the slot's word becomes −sequence before any byte of the record is written) is
/// what keeps the reader from copying a half-written slot: the same check catches a writer without it.
/// </summary>
public sealed class TornReadTests : IDisposable
{
    private const long Records = 50_000;

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void ShouldNeverReturnATornRecordWhileReadingAtTheHeadOfALiveWriter()
    {
        var result = RaceAtTheHead();

        Assert.Equal(0, result.Torn);
        Assert.Equal(Records, result.Whole + result.Lost);
    }

    [Fact]
    public void ShouldCatchATornRecordFromAWriterThatSkipsTheClaim()
    {
        using var writer = ChildProcess.Start("publish-skipping-claim", _ring.Path, "3");
        Assert.Equal("writing 4", writer.ReadLineStartingWith("writing"));
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });

        var whole = new List<long>();
        var torn = new List<long>();
        while (reader.TryRead(out var record))
        {
            (IsWhole(record) ? whole : torn).Add(record.Sequence);
        }

        writer.WriteLine("go");
        _ = writer.ReadLineStartingWith("done");
        Assert.Equal([1L, 2, 3], whole);
        Assert.Equal([4L], torn);
    }

    [Fact]
    public void ShouldNeverShowARecordTheWriterHasNotCommittedToAReaderOfAStoppedWriter()
    {
        using var writer = ChildProcess.Start("publish-wide-snapshots", _ring.Path);
        _ = writer.ReadLineStartingWith("ready");
        using var reader = RingReader.Open(_ring.Path);

        // Stopped (SIGSTOP) mostly half-way through a 4 KiB record, the writer has claimed its slot: the record there is
        // not readable until committed, and whatever a reader is given is whole.
        for (var stop = 0; stop < 200; stop++)
        {
            ProcessSignals.Stop(writer.Pid);
            reader.Seek(StartPosition.Newest);
            var read = reader.TryRead(out var record);
            var torn = read && !WideSnapshots.IsWhole(record) ? record.Sequence : 0;
            ProcessSignals.Continue(writer.Pid);
            Assert.True(torn == 0, $"stop {stop}: a reader was given record {torn} half-written");
        }
    }

    private RaceResult RaceAtTheHead()
    {
        using var writer = ChildProcess.Start("publish-paced", _ring.Path, Records.ToString(CultureInfo.InvariantCulture));
        _ = writer.ReadLineStartingWith("ready");
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        writer.WriteLine("go");

        long whole = 0, torn = 0;
        while (!guard.IsCancellationRequested)
        {
            if (!reader.TryRead(out var record))
            {
                continue;
            }

            if (IsWhole(record))
            {
                whole++;
            }
            else
            {
                torn++;
            }

            if (record.Sequence == Records)
            {
                break;
            }
        }

        Assert.False(guard.IsCancellationRequested, "the writer did not publish its records within a minute");
        _ = writer.ReadLineStartingWith("done");
        return new RaceResult(whole, torn, reader.Lost);
    }

    /// <summary>A whole record is a checksummed trade carrying its own sequence; anything else was torn.</summary>
    private static bool IsWhole(in RecordView record)
    {
        var trade = record.Type == RecordType.Trade ? record.Trade : default;
        return ChecksummedTrades.IsValid(trade) && trade.ReceiveTime == record.Sequence;
    }

    private readonly record struct RaceResult(long Whole, long Torn, long Lost);
}
