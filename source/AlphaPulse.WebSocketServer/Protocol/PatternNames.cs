using System.Collections.Concurrent;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>
/// One shared copy of each exchange and symbol name clients subscribe with. A subscription keeps its
/// pattern's strings for as long as it lasts, so 10,000 clients on <c>binance</c> <c>BTCUSDT</c> would
/// otherwise hold 20,000 equal strings (about 160 bytes per client with two subscriptions: README,
/// Benchmarks, memory per connection). Bounded: past its capacity distinct names a name is
/// kept as sent, so clients sending made-up names cannot grow it. Any thread; lock-free reads.
/// </summary>
internal sealed class PatternNames(int capacity)
{
    /// <summary>Far above the exchanges × symbols a server carries, far below what would matter if filled with junk.</summary>
    public const int DefaultCapacity = 4096;

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>Names added (ConcurrentDictionary.Count takes every lock).</summary>
    private int _count;

    /// <summary>The table every request parser shares.</summary>
    public static PatternNames Shared { get; } = new(DefaultCapacity);

    /// <summary>The shared copy of <paramref name="name"/> (itself, the first time or once the table is full).</summary>
    public string? Share(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (_names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            return name;
        }

        shared = _names.GetOrAdd(name, name);
        if (ReferenceEquals(shared, name))
        {
            Interlocked.Increment(ref _count);
        }

        return shared;
    }
}
