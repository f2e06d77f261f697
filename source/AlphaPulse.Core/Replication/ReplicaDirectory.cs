using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Replication;

/// <summary>
/// Finds an exchange's replica rings, <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c>, in a directory (the names
/// collectors give them: docs/collector.md, <c>REPLICA_ID</c>). Stateless; rare path (allocates).
/// </summary>
internal static class ReplicaDirectory
{
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
