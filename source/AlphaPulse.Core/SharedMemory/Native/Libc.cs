using System.Runtime.InteropServices;

namespace AlphaPulse.Core.SharedMemory.Native;

/// <summary>
/// The few libc calls the ring needs, called directly rather than through <see cref="FileStream"/>:
/// .NET takes an advisory <c>flock</c> on every file it opens, which would make readers and the
/// writer's own exclusive lock collide. Linux only (x86-64 and arm64 share these constants).
/// </summary>
internal static unsafe partial class Libc
{
    public const int ORdOnly = 0x0;
    public const int ORdWr = 0x2;
    public const int OCreat = 0x40;
    public const int OCloExec = 0x80000;

    public const int ProtRead = 0x1;
    public const int ProtWrite = 0x2;
    public const int MapShared = 0x1;

    public const int LockEx = 2;
    public const int LockNb = 4;

    public const int EAgain = 11;
    public const int EWouldBlock = EAgain;
    public const int EAcces = 13;
    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int ESrch = 3;
    public const int EIsDir = 21;

    /// <summary>File-type bits of <c>st_mode</c> and the regular-file type.</summary>
    public const int SIfMt = 0xF000;
    public const int SIfReg = 0x8000;
    public const int SIfDir = 0x4000;

    public const int AtEmptyPath = 0x1000;
    public const uint StatxBasicStats = 0x7FF;

    /// <summary><c>struct statx</c> is the same on every architecture, unlike <c>struct stat</c>.</summary>
    public const int StatxSize = 256;
    public const int StatxModeOffset = 28;
    public const int StatxSizeOffset = 40;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    public static partial int Fchmod(int fd, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    public static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int GetPid();

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nint cpuSetSize, ulong* mask);

    [LibraryImport("libc", EntryPoint = "strerror")]
    public static partial nint StrError(int errno);

    /// <summary>The C library's text for an errno value, e.g. "Permission denied".</summary>
    public static string Describe(int errno) =>
        Marshal.PtrToStringUTF8(StrError(errno)) ?? "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
