namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Where ring files live: the directory named by <c>SHARED_MEMORY_PATH</c> (default
/// <c>/dev/shm/alphapulse</c>), one file per stream. Stateless; safe from any thread.
/// </summary>
public static class SharedMemoryPath
{
    public const string EnvironmentVariable = "SHARED_MEMORY_PATH";
    public const string DefaultDirectory = "/dev/shm/alphapulse";
    public const string FileExtension = ".ring";

    /// <summary>The ring directory from the environment, or the default.</summary>
    public static string ResolveDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : configured;
    }

    /// <summary>The ring file of a stream, e.g. <c>/dev/shm/alphapulse/coinbase.ring</c>.</summary>
    public static string ForStream(string stream) => ForStream(ResolveDirectory(), stream);

    /// <summary>
    /// The replica of a collector ring named <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c> (docs/collector.md,
    /// <c>REPLICA_ID</c>), or null when the file is not one of <paramref name="exchange"/>'s.
    /// </summary>
    public static string? ReplicaOf(string path, string exchange)
    {
        var name = Path.GetFileName(path);
        var prefix = exchange + "-";
        return name.Length > prefix.Length + FileExtension.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(FileExtension, StringComparison.Ordinal)
            ? name[prefix.Length..^FileExtension.Length]
            : null;
    }

    public static string ForStream(string directory, string stream)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        if (stream.AsSpan().IndexOfAny('/', '\0') >= 0 || stream is "." or "..")
        {
            ThrowHelper.ThrowArgument($"a stream name is one file name: stream='{stream}' (use letters, digits, '-' and '_')");
        }

        return Path.Combine(directory, stream + FileExtension);
    }
}
