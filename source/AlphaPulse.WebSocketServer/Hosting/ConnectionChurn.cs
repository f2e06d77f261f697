namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Connections opened and closed since the server started, counted by each <see cref="ClientSession"/> at
/// its start and its end: what <see cref="HeapCompactor"/> watches for a burst that has settled. Any thread.
/// </summary>
internal sealed class ConnectionChurn
{
    private long _count;

    public long Total => Volatile.Read(ref _count);

    public void Count() => Interlocked.Increment(ref _count);
}
