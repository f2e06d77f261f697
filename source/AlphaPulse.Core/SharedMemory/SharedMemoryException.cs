namespace AlphaPulse.Core.SharedMemory;

/// <summary>Why a ring file could not be opened or used. Values are stable for callers to switch on.</summary>
public enum SharedMemoryError
{
    NotFound,
    NoPermission,
    NotRegularFile,
    ZeroLength,
    WrongLength,
    WrongMagic,
    WrongVersion,
    BadGeometry,
    GeometryMismatch,
    WriterActive,
    InvalidArgument,
    IoError,
}

/// <summary>
/// A ring file was refused or a call broke the ring's rules. Immutable; safe from any thread.
/// The message states the rule, then the values, then the fix.
/// </summary>
public sealed class SharedMemoryException : IOException
{
    public SharedMemoryException()
    {
    }

    public SharedMemoryException(string message)
        : base(message)
    {
    }

    public SharedMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SharedMemoryException(SharedMemoryError error, string path, string message)
        : base(message)
    {
        Error = error;
        Path = path;
    }

    /// <summary>What went wrong, for callers that react differently (e.g. retry while a file is being created).</summary>
    public SharedMemoryError Error { get; } = SharedMemoryError.IoError;

    /// <summary>The ring file concerned.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>Pid of the live writer when <see cref="Error"/> is <see cref="SharedMemoryError.WriterActive"/>, else 0.</summary>
    public int HolderPid { get; init; }
}
