using AlphaPulse.Core.SharedMemory;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.WebSocketServer.Configuration;

/// <summary>
/// Reads <see cref="ServerSettings"/> from environment variables; every refusal names the variable,
/// its value and the fix. Stateless; safe from any thread.
/// </summary>
public static class ServerSettingsReader
{
    /// <exception cref="SettingsException">A variable is out of its rule; the message says which and how to fix it.</exception>
    public static ServerSettings Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var env = new EnvironmentSettings(variables);
        var tokenFile = env.Get("AUTH_TOKENS_FILE")?.Trim();
        if (tokenFile is not null && !File.Exists(tokenFile))
        {
            throw SettingsException.Invalid("AUTH_TOKENS_FILE", "a readable file of tokens, one a line", tokenFile, "mount the token secret there, or unset it to turn authentication off");
        }

        return new ServerSettings
        {
            WebSocketPort = env.Number("WEBSOCKET_PORT", 8765, 0, 65535),
            MetricsPort = env.Number("METRICS_PORT", 8766, 0, 65535),
            BindAddress = env.Text("BIND_ADDRESS", "0.0.0.0"),
            ReusePort = env.Flag("WEBSOCKET_REUSE_PORT", fallback: false),
            SharedMemoryDirectory = env.Text(SharedMemoryPath.EnvironmentVariable, SharedMemoryPath.DefaultDirectory),
            LogLevel = env.Enum("LOG_LEVEL", LogLevel.Information),
            TokenFile = tokenFile,
            AllowedOrigins = env.List("ALLOWED_ORIGINS"),
            SlowConsumerPolicy = env.Enum("SLOW_CONSUMER_POLICY", SlowConsumerPolicy.Conflate),
            ClientByteBudget = env.Number("CLIENT_BYTE_BUDGET", 4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
            SlowConsumerGrace = TimeSpan.FromMilliseconds(env.Number("SLOW_CONSUMER_GRACE_MS", 10_000, 0, 3_600_000)),
            MaxMessageBytes = env.Number("MAX_MESSAGE_BYTES", 4096, 256, 1024 * 1024),
            MessageTimeout = TimeSpan.FromMilliseconds(env.Number("MESSAGE_TIMEOUT_MS", 5_000, 100, 600_000)),
            MaxSubscriptions = env.Number("MAX_SUBSCRIPTIONS", 64, 1, 10_000),
            MaxRequestsPerSecond = env.Number("MAX_REQUESTS_PER_SECOND", 20, 1, 100_000),
            MaxBadMessages = env.Number("MAX_BAD_MESSAGES", 10, 1, 1_000_000),
            MaxClients = env.Number("MAX_CLIENTS", 50_000, 1, 1_000_000),
            HeartbeatInterval = TimeSpan.FromMilliseconds(env.Number("HEARTBEAT_MS", 5_000, 100, 3_600_000)),
            CloseTimeout = TimeSpan.FromMilliseconds(env.Number("CLOSE_TIMEOUT_MS", 5_000, 100, 600_000)),
            ShutdownGrace = TimeSpan.FromSeconds(env.Number("SHUTDOWN_GRACE_SECONDS", 20, 0, 3_600)),
            RingScanInterval = TimeSpan.FromMilliseconds(env.Number("RING_SCAN_MS", 1_000, 10, 600_000)),
            StaleFeed = TimeSpan.FromSeconds(env.Number("STALE_FEED_SECONDS", 5, 1, 3_600)),
            HeapCompactAfterConnections = env.Number("HEAP_COMPACT_AFTER_CONNECTIONS", 100, 0, 100_000_000),
            HeapCompactSettle = TimeSpan.FromMilliseconds(env.Number("HEAP_COMPACT_SETTLE_MS", 1_000, 100, 3_600_000)),
            ReaderIdle = env.Get("READER_IDLE")?.Trim() switch
            {
                null or "yield" => IdleMode.SpinThenYield,
                "spin" => IdleMode.BusySpin,
                "lowcpu" => IdleMode.LowCpu,
                var other => throw SettingsException.Invalid("READER_IDLE", "spin, yield or lowcpu", other, "unset it for the default yield"),
            },
        };
    }
}
