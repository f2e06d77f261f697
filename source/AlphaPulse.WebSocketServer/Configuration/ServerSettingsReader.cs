using System.Globalization;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.WebSocketServer.Configuration;

/// <summary>
/// Reads <see cref="ServerSettings"/> from environment variables; every refusal names the variable,
/// its value and the fix. Stateless; safe from any thread.
/// </summary>
public static class ServerSettingsReader
{
    public static bool TryRead(Func<string, string?> variables, out ServerSettings settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(variables);
        try
        {
            settings = Read(variables);
            error = string.Empty;
            return true;
        }
        catch (FormatException exception)
        {
            settings = null!;
            error = exception.Message;
            return false;
        }
    }

    /// <exception cref="FormatException">A variable is out of its rule; the message says which and how to fix it.</exception>
    public static ServerSettings Read(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var env = new Variables(variables);
        var tokenFile = env.Get("AUTH_TOKENS_FILE");
        if (tokenFile is not null && !File.Exists(tokenFile))
        {
            throw new FormatException($"AUTH_TOKENS_FILE must name a readable file of tokens, one a line: AUTH_TOKENS_FILE={tokenFile} (mount the token secret there, or unset it to turn authentication off)");
        }

        return new ServerSettings
        {
            WebSocketPort = env.Int("WEBSOCKET_PORT", 8765, 0, 65535),
            MetricsPort = env.Int("METRICS_PORT", 8766, 0, 65535),
            BindAddress = env.Get("BIND_ADDRESS") ?? "0.0.0.0",
            ReusePort = env.Get("WEBSOCKET_REUSE_PORT") switch
            {
                null or "false" or "0" => false,
                "true" or "1" => true,
                var other => throw new FormatException($"WEBSOCKET_REUSE_PORT must be true or false: WEBSOCKET_REUSE_PORT={other} (use true for start-first upgrades on a host network)"),
            },
            SharedMemoryDirectory = env.Get(SharedMemoryPath.EnvironmentVariable) ?? SharedMemoryPath.DefaultDirectory,
            LogLevel = env.Enum("LOG_LEVEL", LogLevel.Information),
            TokenFile = tokenFile,
            AllowedOrigins = (env.Get("ALLOWED_ORIGINS") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            SlowConsumerPolicy = env.Enum("SLOW_CONSUMER_POLICY", SlowConsumerPolicy.Conflate),
            ClientByteBudget = env.Int("CLIENT_BYTE_BUDGET", 4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
            SlowConsumerGrace = TimeSpan.FromMilliseconds(env.Int("SLOW_CONSUMER_GRACE_MS", 10_000, 0, 3_600_000)),
            MaxMessageBytes = env.Int("MAX_MESSAGE_BYTES", 4096, 256, 1024 * 1024),
            MaxSubscriptions = env.Int("MAX_SUBSCRIPTIONS", 64, 1, 10_000),
            MaxRequestsPerSecond = env.Int("MAX_REQUESTS_PER_SECOND", 20, 1, 100_000),
            MaxBadMessages = env.Int("MAX_BAD_MESSAGES", 10, 1, 1_000_000),
            MaxClients = env.Int("MAX_CLIENTS", 50_000, 1, 1_000_000),
            HeartbeatInterval = TimeSpan.FromMilliseconds(env.Int("HEARTBEAT_MS", 5_000, 100, 3_600_000)),
            CloseTimeout = TimeSpan.FromMilliseconds(env.Int("CLOSE_TIMEOUT_MS", 5_000, 100, 600_000)),
            ShutdownGrace = TimeSpan.FromSeconds(env.Int("SHUTDOWN_GRACE_SECONDS", 20, 0, 3_600)),
            RingScanInterval = TimeSpan.FromMilliseconds(env.Int("RING_SCAN_MS", 1_000, 10, 600_000)),
            StaleFeed = TimeSpan.FromSeconds(env.Int("STALE_FEED_SECONDS", 5, 1, 3_600)),
            ReaderIdle = env.Get("READER_IDLE") switch
            {
                null or "yield" => IdleMode.SpinThenYield,
                "spin" => IdleMode.BusySpin,
                "lowcpu" => IdleMode.LowCpu,
                var other => throw new FormatException($"READER_IDLE must be spin, yield or lowcpu: READER_IDLE={other} (use yield)"),
            },
        };
    }

    private readonly struct Variables(Func<string, string?> lookup)
    {
        public string? Get(string name) => lookup(name) is { Length: > 0 } value ? value.Trim() : null;

        public int Int(string name, int fallback, int min, int max)
        {
            var raw = Get(name);
            if (raw is null)
            {
                return fallback;
            }

            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{name} must be a whole number in [{min}, {max}]: {name}={raw} (unset it for the default {fallback})");
        }

        public T Enum<T>(string name, T fallback)
            where T : struct, Enum
        {
            var raw = Get(name);
            if (raw is null)
            {
                return fallback;
            }

            return System.Enum.TryParse<T>(raw, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : throw new FormatException($"{name} must be one of {string.Join(", ", System.Enum.GetNames<T>())}: {name}={raw} (unset it for the default {fallback})");
        }
    }
}
