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
