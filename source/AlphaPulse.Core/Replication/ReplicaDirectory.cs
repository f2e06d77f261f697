using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// The one owner of the ring-name convention: collectors name their rings
/// <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> (docs/collector.md, <c>REPLICA_ID</c>), so a directory listing
/// tells which exchanges are written and by which replicas, without opening a ring (the header carries no
/// exchange). Readers find exchanges with <see cref="Exchanges"/> and a <see cref="ReplicatedReader"/> finds
/// each exchange's replicas with <see cref="Scan"/>. Stateless; rare path (allocates).
/// </summary>
public static class ReplicaDirectory
{
    /// <summary>
    /// The exchanges with at least one ring named by the convention, ordinal-sorted and each named once
    /// (<c>binance-a.ring</c> and <c>binance-b.ring</c> are one exchange). Other files are listed in
    /// <paramref name="misnamed"/> when given; they are never read.
    /// </summary>
    public static IReadOnlyList<string> Exchanges(string directory, ICollection<string>? misnamed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var exchanges = new SortedSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (ExchangeOf(path) is { } exchange)
            {
                exchanges.Add(exchange);
            }
            else
            {
                misnamed?.Add(path);
            }
        }

        return [.. exchanges];
    }

    /// <summary>
    /// The exchange of a ring named <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c>: the text before the first
    /// '-', or null when the name does not follow the convention (no extension, no replica, no exchange).
    /// </summary>
    public static string? ExchangeOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.EndsWith(SharedMemoryPath.FileExtension, StringComparison.Ordinal))
        {
            return null;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var exchange = dash > 0 ? name[..dash] : null;
        return exchange is not null && SharedMemoryPath.ReplicaOf(path, exchange) is not null ? exchange : null;
    }

    /// <summary>The replica rings of one exchange present now, with their replica names.</summary>
    public static IEnumerable<(string Replica, string Path)> Scan(string directory, string exchange)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(directory, exchange + "-*" + SharedMemoryPath.FileExtension))
        {
            if (SharedMemoryPath.ReplicaOf(path, exchange) is { } replica)
            {
                yield return (replica, path);
            }
        }
    }
}
