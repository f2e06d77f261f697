namespace AlphaPulse.Simulator.Market;

/// <summary>
/// SplitMix64: a tiny, fast generator whose output is fixed by its seed on every runtime and platform.
/// <see cref="System.Random"/> is not used because its seeded algorithm is an implementation detail that
/// may change between .NET versions, and "same seed, same stream" must survive upgrades.
/// Not thread-safe: one instance per market model, used under that model's lock.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        // Constants from Steele, Lea and Flood, "Fast splittable pseudorandom number generators" (2014).
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, exclusiveMax); exclusiveMax must be positive.</summary>
    public int Next(int exclusiveMax) => (int)((NextUInt64() >> 33) % (ulong)exclusiveMax);

    public bool NextBool() => (NextUInt64() & 1) == 0;

    /// <summary>A stable 64-bit FNV-1a hash, so per-instrument seeds do not depend on string.GetHashCode.</summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
