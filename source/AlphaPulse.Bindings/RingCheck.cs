using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bindings;

/// <summary>
/// Checks, before a merged reader opens, that an exchange has at least one ring and that each one is a ring this
/// build reads (docs/shm-format.md §9): the merged reader itself skips a bad ring quietly and retries it later, which
/// is right for a server but leaves a caller of <c>ap_open</c> with nothing to go on. Stateless; rare path.
/// </summary>
internal static class RingCheck
{
    public static void RequireReadableRings(string directory, string exchange)
    {
        var found = 0;
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, exchange + "-*" + SharedMemoryPath.FileExtension))
            {
                if (SharedMemoryPath.ReplicaOf(path, exchange) is null)
                {
                    continue;
                }
                found++;

                // Opening maps and validates the header (magic, version, geometry); the reader is closed at once.
                using var ring = RingReader.Open(path);
            }
        }
        if (found == 0)
        {
            throw new SharedMemoryException(SharedMemoryError.NotFound, directory,
                $"an exchange is read from its collectors' rings <exchange>-<replica>.ring: exchange='{exchange}', directory='{directory}', rings=0 (start the exchange's collector, or pass the directory it writes to: SHARED_MEMORY_PATH)");
        }
    }
}
