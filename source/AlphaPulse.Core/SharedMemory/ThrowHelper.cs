using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AlphaPulse.Core.SharedMemory.Native;

namespace AlphaPulse.Core.SharedMemory;

/// <summary>
/// Throw sites kept out of hot methods so the JIT can inline them. Stateless; safe from any thread.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Throw(SharedMemoryError error, string path, string message) =>
        throw new SharedMemoryException(error, path, message);

    [DoesNotReturn]
    public static void ThrowErrno(string operation, string path, int errno)
    {
        var error = errno switch
        {
            Libc.ENoEnt => SharedMemoryError.NotFound,
            Libc.EAcces or Libc.EPerm => SharedMemoryError.NoPermission,
            Libc.EIsDir => SharedMemoryError.NotRegularFile,
            _ => SharedMemoryError.IoError,
        };
        var fix = error switch
        {
            SharedMemoryError.NotFound => "start the writer first, or check SHARED_MEMORY_PATH",
            SharedMemoryError.NoPermission => "run as the file's owner, or as a member of its group for read-only access",
            SharedMemoryError.NotRegularFile => "point SHARED_MEMORY_PATH at a directory and open a stream file inside it",
            _ => "check the path and the file system",
        };
        throw new SharedMemoryException(error, path, string.Create(
            CultureInfo.InvariantCulture,
            $"ring file could not be opened: path={path}, operation={operation}, errno={errno} ({Libc.Describe(errno)}) ({fix})"));
    }

    [DoesNotReturn]
    public static void ThrowArgument(string message) =>
        throw new SharedMemoryException(SharedMemoryError.InvalidArgument, string.Empty, message);

    [DoesNotReturn]
    public static void ThrowDisposed(string type) => throw new ObjectDisposedException(type);
}
