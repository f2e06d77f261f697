using System.Collections.Concurrent;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>
/// One shared copy of each exchange and symbol name clients subscribe with. A subscription keeps its
/// pattern's strings for as long as it lasts, so 10,000 clients on <c>binance</c> <c>BTCUSDT</c> would
/// otherwise hold 20,000 equal strings (about 160 bytes per client with two subscriptions: README,
/// Benchmarks, memory per connection). Bounded: past <see cref="Capacity"/> distinct names a name is
/// kept as sent, so clients sending made-up names cannot grow it. Any thread; lock-free reads.
/// </summary>
internal static class PatternNames
{
    /// <summary>Far above the exchanges × symbols a server carries, far below what would matter if filled with junk.</summary>
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>Names added (ConcurrentDictionary.Count takes every lock).</summary>
    private static int _count;

    /// <summary>The shared copy of <paramref name="name"/> (itself, the first time or once the table is full).</summary>
    public static string? Share(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (Names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return name;
        }

        shared = Names.GetOrAdd(name, name);
        if (ReferenceEquals(shared, name))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
