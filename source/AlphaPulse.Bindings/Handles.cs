using System.Collections.Concurrent;

namespace AlphaPulse.Bindings;

/// <summary>
/// Open readers by handle (<c>ap_handle</c>): a number, never a pointer, so a closed, zero or made-up handle is an
/// <see cref="ErrorCode.InvalidHandle"/> error rather than a crash. Safe from any thread; a reader itself is used
/// by one thread at a time.
/// </summary>
internal static class Handles
{
    private static readonly ConcurrentDictionary<long, BindingReader> Readers = new();
    private static long s_next;

    public static long Add(BindingReader reader)
    {
        var handle = Interlocked.Increment(ref s_next);
        Readers[handle] = reader;
        return handle;
    }

    public static BindingReader Get(long handle) =>
        Readers.TryGetValue(handle, out var reader) ? reader : throw Invalid(handle);

    public static BindingReader Remove(long handle) =>
        Readers.TryRemove(handle, out var reader) ? reader : throw Invalid(handle);

    private static InvalidHandleException Invalid(long handle) =>
        new($"a reader handle is one ap_open returned and ap_close has not closed: handle={handle} (open a reader with ap_open; do not use it after ap_close)");
}
