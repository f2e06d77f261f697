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
    private const long Records = 100_000;

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Fact]
    public void ShouldNeverReturnATornRecordWhileReadingAtTheHeadOfALiveWriter()
    {
        var result = RaceAtTheHead("publish-paced");

        Assert.Equal(0, result.Torn);
        Assert.Equal(Records, result.Whole + result.Lost);
    }

    [Fact]
    public void ShouldCatchTornRecordsFromAWriterThatSkipsTheClaim()
    {
        var result = RaceAtTheHead("publish-skipping-claim");

        Assert.True(result.Torn > 0, $"a writer that never marks a slot as being written went unnoticed: {result}");
    }

    private RaceResult RaceAtTheHead(string writerMode)
    {
        using var writer = ChildProcess.Start(writerMode, _ring.Path, Records.ToString(CultureInfo.InvariantCulture));
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

            var trade = record.Type == RecordType.Trade ? record.Trade : default;
            if (ChecksummedTrades.IsValid(trade) && trade.ReceiveTime == record.Sequence)
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

    private readonly record struct RaceResult(long Whole, long Torn, long Lost);
}
