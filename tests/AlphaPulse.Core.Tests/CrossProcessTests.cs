using System.Globalization;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

namespace AlphaPulse.Core.Tests;

/// <summary>Writers and readers in separate real processes, as in production.</summary>
public sealed class CrossProcessTests : IDisposable
{
    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private static long Field(string line, string name)
    {
        foreach (var part in line.Split(' '))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return long.Parse(part.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"field missing from child output: field={name}, line={line}");
    }

    [Fact]
    public void ShouldNeverReturnATornRecordToReadersInOtherProcesses()
    {
        const long Count = 10_000_000;
        using var writer = ChildProcess.Start("publish", _ring.Path, Count.ToString(CultureInfo.InvariantCulture), "1024");
        _ = writer.ReadLineStartingWith("ready");
        using var reader1 = ChildProcess.Start("validate", _ring.Path, Count.ToString(CultureInfo.InvariantCulture));
        using var reader2 = ChildProcess.Start("validate", _ring.Path, Count.ToString(CultureInfo.InvariantCulture));
        _ = reader1.ReadLineStartingWith("ready");
        _ = reader2.ReadLineStartingWith("ready");
        writer.WriteLine("go");

        _ = writer.ReadLineStartingWith("done");
        foreach (var reader in new[] { reader1, reader2 })
        {
            var result = reader.ReadLineStartingWith("result");
            Assert.Equal(0, Field(result, "invalid"));
            Assert.Equal(0, Field(result, "outOfOrder"));
            Assert.True(Field(result, "valid") > 0, result);

            // Every record is accounted for: validated, or counted lost — never silently skipped.
            Assert.Equal(Count, Field(result, "valid") + Field(result, "lost"));
        }
    }

    [Fact]
    public void ShouldDetectTheNewEpochAndContinueAfterTheWriterIsKilledAndRestarted()
    {
        using var first = ChildProcess.Start("publish-forever", _ring.Path);
        _ = first.ReadLineStartingWith("ready");
        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Start = StartPosition.Oldest });
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var last = 0L;
        for (var i = 0; i < 500; i++)
        {
            Assert.True(reader.Read(out var record, guard.Token));
            Assert.True(ChecksummedTrades.IsValid(record.Trade));
            Assert.Equal(1u, record.Epoch);
            last = record.Sequence;
        }

        first.KillHard();
        using var second = ChildProcess.Start("publish-forever", _ring.Path);
        Assert.EndsWith(" 2", second.ReadLineStartingWith("ready"), StringComparison.Ordinal);

        var sawNewEpoch = false;
        while (!sawNewEpoch)
        {
            Assert.True(reader.Read(out var record, guard.Token));
            Assert.True(record.Sequence > last);
            Assert.True(ChecksummedTrades.IsValid(record.Trade));
            last = record.Sequence;
            sawNewEpoch = record.IsNewEpoch;
            Assert.Equal(sawNewEpoch ? 2u : 1u, record.Epoch);
        }

        Assert.Equal(1, reader.EpochChanges);
        Assert.Equal((2u, "TEST-USD"), (reader.TableEpoch, reader.Instruments[0].Symbol));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(reader.Read(out var record, guard.Token));
            Assert.Equal((2u, false), (record.Epoch, record.IsNewEpoch));
        }
    }

    [Fact]
    public void ShouldRefuseASecondWriterNamingTheHolderAndAllowTakeoverOnceItDied()
    {
        var options = new RingOptions { SlotSize = 128, SlotCount = 1024, Instruments = [new InstrumentSpec("TEST-USD", 8, 8)] };
        using var holder = ChildProcess.Start("hold", _ring.Path);
        _ = holder.ReadLineStartingWith("ready");

        var error = Assert.Throws<SharedMemoryException>(() => RingWriter.Open(_ring.Path, options));
        Assert.Equal((SharedMemoryError.WriterActive, holder.Pid), (error.Error, error.HolderPid));
        Assert.Contains($"pid={holder.Pid}", error.Message, StringComparison.Ordinal);

        holder.KillHard();
        using var successor = RingWriter.Open(_ring.Path, options);
        Assert.Equal((false, 2u), (successor.Created, successor.Epoch));
    }

    [Fact]
    public void ShouldRefuseWritingARingWhoseModeDeniesItToAProcessWithoutPermissionOverrides()
    {
        RingWriter.Open(_ring.Path, new RingOptions { SlotSize = 128, SlotCount = 1024, Instruments = [new InstrumentSpec("TEST-USD", 8, 8)] }).Dispose();
        File.SetUnixFileMode(_ring.Path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        using var child = ChildProcess.Start("open-without-dac", _ring.Path, "writer");
        var line = child.ReadLine();
        Assert.StartsWith("refused NoPermission", line, StringComparison.Ordinal);
        Assert.Contains(_ring.Path, line, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseReadingARingWhoseModeDeniesItButOpenOneWhoseModeAllowsIt()
    {
        RingWriter.Open(_ring.Path, new RingOptions { SlotSize = 128, SlotCount = 1024, Instruments = [new InstrumentSpec("TEST-USD", 8, 8)] }).Dispose();
        using (var allowed = ChildProcess.Start("open-without-dac", _ring.Path, "reader"))
        {
            Assert.Equal("opened", allowed.ReadLine());
        }

        File.SetUnixFileMode(_ring.Path, UnixFileMode.None);
        using var denied = ChildProcess.Start("open-without-dac", _ring.Path, "reader");
        Assert.StartsWith("refused NoPermission", denied.ReadLine(), StringComparison.Ordinal);
    }
}
