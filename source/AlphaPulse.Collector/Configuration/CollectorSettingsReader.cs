using System.Numerics;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Collector.Configuration;

/// <summary>
/// Reads <see cref="CollectorSettings"/> from environment variables (as in the deployment manifests),
/// refusing anything wrong with a <see cref="SettingsException"/> that names the variable, the
/// rule, the value and the fix. Stateless; safe from any thread.
/// </summary>
public static class CollectorSettingsReader
{
    public static CollectorSettings FromEnvironment() => Read(Environment.GetEnvironmentVariable);

    /// <param name="variables">Looks a variable up; null when unset.</param>
    /// <param name="createAdapter">Builds the adapter for an <c>EXCHANGE</c> value (tests substitute fakes).</param>
    public static CollectorSettings Read(Func<string, string?> variables, Func<string, IExchangeAdapter?>? createAdapter = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var env = new EnvironmentSettings(variables);
        var adapter = ReadAdapter(env, createAdapter ?? (exchange => ExchangeAdapters.Create(exchange, env.Get)));
        return new CollectorSettings
        {
            Adapter = adapter,
            Instruments = ReadSymbols(env, adapter),
            MetricsPort = env.Number("METRICS_PORT", 8080, 0, 65535, "use a free TCP port such as 8080"),
            SharedMemoryDirectory = env.Get("SHARED_MEMORY_PATH") ?? SharedMemoryPath.DefaultDirectory,
            ReplicaId = ReadReplica(env),
            LogLevel = env.Enum("LOG_LEVEL", LogLevel.Information),
            FeedUrl = env.Url("FEED_URL", adapter.DefaultFeedUrl, "ws", "wss"),
            RestUrl = adapter.DefaultRestUrl is { } rest ? env.Url("REST_URL", rest, "http", "https") : null,
            StaleFeed = TimeSpan.FromSeconds(env.Number("STALE_FEED_SECONDS", 10, 1, 3600, "use a few seconds more than the exchange's quietest interval, e.g. 10")),
            SnapshotInterval = TimeSpan.FromSeconds(env.Number("SNAPSHOT_INTERVAL_SECONDS", 10, 1, 3600, "use e.g. 10")),
            BookDepth = ReadBookDepth(env, adapter),
            RingSlots = ReadRingSlots(env),
            PriceScale = (byte)env.Number("PRICE_SCALE", 8, 0, FixedPoint.MaxScale, "use the most decimal places the exchange quotes, e.g. 8"),
            SizeScale = (byte)env.Number("SIZE_SCALE", 8, 0, FixedPoint.MaxScale, "use the most decimal places the exchange quotes, e.g. 8"),
            ReconnectInitial = TimeSpan.FromMilliseconds(env.Number("RECONNECT_INITIAL_MS", 250, 1, 60_000, "use e.g. 250")),
            ReconnectMax = TimeSpan.FromSeconds(env.Number("RECONNECT_MAX_SECONDS", 30, 1, 3600, "use e.g. 30")),
            MaxConnectionLifetime = TimeSpan.FromMinutes(env.Number("MAX_CONNECTION_MINUTES", 1410, 1, 1440, "use at most 1440 (24 h); the default 1410 reconnects before Binance's 24 h cut")),
        };
    }

    private static IExchangeAdapter ReadAdapter(EnvironmentSettings env, Func<string, IExchangeAdapter?> createAdapter)
    {
        var exchange = env.Get("EXCHANGE")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(exchange))
        {
            throw new SettingsException("EXCHANGE", "EXCHANGE must name the exchange to collect: EXCHANGE is not set (set EXCHANGE to binance, coinbase or kraken)");
        }
        var adapter = createAdapter(exchange);
        if (adapter is not null)
        {
            return adapter;
        }
        throw new SettingsException("EXCHANGE", $"EXCHANGE must be one of {string.Join(", ", ExchangeAdapters.Known)}: EXCHANGE='{exchange}' (fix the spelling)");
    }

    private static int ReadBookDepth(EnvironmentSettings env, IExchangeAdapter adapter)
    {
        var depth = env.Number("BOOK_DEPTH", 1000, 1, 5000, "use e.g. 1000 (Binance serves at most 5000)");
        return adapter.BookDepths is not { } depths || depths.Contains(depth)
            ? depth
            : throw new SettingsException("BOOK_DEPTH", $"BOOK_DEPTH must be a depth {adapter.Name} offers ({string.Join(", ", depths)}): BOOK_DEPTH={depth} (use one of them, e.g. 1000)");
    }

    private static InstrumentBinding[] ReadSymbols(EnvironmentSettings env, IExchangeAdapter adapter)
    {
        var raw = env.Get("SYMBOLS");
        var parts = (raw ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new SettingsException("SYMBOLS", $"SYMBOLS must list at least one BASE-QUOTE symbol: SYMBOLS='{raw}' (e.g. SYMBOLS=BTC-USDT,ETH-USDT)");
        }
        if (parts.Length > RingDescriptor.MaxInstrumentCapacity)
        {
            throw new SettingsException("SYMBOLS", $"SYMBOLS must list at most 65535 symbols: count={parts.Length} (split them over several collectors)");
        }

        var instruments = new List<InstrumentBinding>(parts.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            if (!SymbolName.TryParse(part, out var symbol))
            {
                throw new SettingsException("SYMBOLS", $"SYMBOLS entries must be BASE-QUOTE in letters and digits, at most 32 characters: entry='{part}' (e.g. BTC-USDT)");
            }
            if (!adapter.TryMapSymbol(symbol, out var exchangeSymbol))
            {
                throw new SettingsException("SYMBOLS", $"SYMBOLS entries must map to a {adapter.Name} symbol: entry='{symbol}' (remove it or use a pair {adapter.Name} lists)");
            }
            if (!seen.Add(symbol.ToString()))
            {
                throw new SettingsException("SYMBOLS", $"SYMBOLS entries must be distinct: entry='{symbol}' appears twice (remove the duplicate)");
            }
            instruments.Add(new InstrumentBinding((ushort)instruments.Count, symbol, exchangeSymbol));
        }
        return [.. instruments];
    }

    private static string ReadReplica(EnvironmentSettings env)
    {
        var replica = env.Get("REPLICA_ID") ?? env.Get("HOSTNAME") ?? "0";
        foreach (var c in replica)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new SettingsException("REPLICA_ID", $"REPLICA_ID (or HOSTNAME) must be letters, digits, '-', '_' or '.' as it names the ring file: REPLICA_ID='{replica}' (set REPLICA_ID to e.g. a or 0)");
            }
        }
        return replica.Length is > 0 and <= 64 ? replica
            : throw new SettingsException("REPLICA_ID", $"REPLICA_ID (or HOSTNAME) must be 1–64 characters: REPLICA_ID='{replica}' (set REPLICA_ID to e.g. a or 0)");
    }

    private static int ReadRingSlots(EnvironmentSettings env)
    {
        var slots = env.Number("RING_SLOTS", 64 * 1024, RingDescriptor.MinSlotCount, RingDescriptor.MaxSlotCount, "use a power of two such as 65536");
        return BitOperations.IsPow2(slots) ? slots
            : throw new SettingsException("RING_SLOTS", $"RING_SLOTS must be a power of two: RING_SLOTS={slots} (use {BitOperations.RoundUpToPowerOf2((uint)slots)})");
    }
}
