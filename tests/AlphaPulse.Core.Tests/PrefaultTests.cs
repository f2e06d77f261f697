using System.Globalization;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// <see cref="ReaderOptions.Prefault"/>: asked to, a reader maps every page of the ring at open (so first-touch faults
/// happen then, not on the hot path); by default only the pages it touches. Observed as the mapping's resident size in
/// <c>/proc/self/smaps</c> (Linux). A writer's <see cref="RingOptions.Prefault"/> is not observable this way: its
/// start-up recovery scan reads every slot's sequence word, which maps every page anyway.
/// </summary>
public sealed class PrefaultTests : IDisposable
{
    /// <summary>4 MiB of slots: well beyond the few pages an open touches (header, table, and the kernel's fault-around).</summary>
    private const int SlotCount = 16 * 1024;

    private readonly TempRing _ring = new();

    public void Dispose() => _ring.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ShouldMapEveryPageOfTheRingAtOpenOnlyWhenAReaderIsAskedToPrefault(bool prefault)
    {
        using var writer = RingWriter.Open(_ring.Path, new RingOptions { SlotCount = SlotCount });
        _ = writer.PublishHeartbeat(1);
        var length = new FileInfo(_ring.Path).Length;
        var writerResident = ResidentBytes(_ring.Path);

        using var reader = RingReader.Open(_ring.Path, new ReaderOptions { Prefault = prefault });
        AssertResident(prefault, length, ResidentBytes(_ring.Path) - writerResident);
    }

    private static void AssertResident(bool prefault, long length, long resident)
    {
        if (prefault)
        {
            Assert.InRange(resident, length, length + 4096);
        }
        else
        {
            Assert.InRange(resident, 0, length / 4);
        }
    }

    /// <summary>The resident bytes of every mapping of <paramref name="path"/> in this process.</summary>
    private static long ResidentBytes(string path)
    {
        var total = 0L;
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (IsMappingHeader(line))
            {
                inMapping = line.EndsWith(path, StringComparison.Ordinal);
            }
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += long.Parse(line["Rss:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        return total;
    }

    /// <summary>A mapping's first line: <c>7f…-7f… rw-s 00000000 00:1a 123 /dev/shm/…</c>; field lines start with a name and a colon.</summary>
    private static bool IsMappingHeader(string line) =>
        line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 && line.AsSpan(0, space).Contains('-') && line[space - 1] != ':';
}
