namespace AlphaPulse.WebSocketServer.Configuration;

/// <summary>What clients that fall behind get: their book streams conflated, or a close.</summary>
public enum SlowConsumerPolicy
{
    /// <summary>Over budget: drop book deltas and send a fresh snapshot once drained (latest book wins); close only if still over budget after the grace period.</summary>
    Conflate,

    /// <summary>Over budget: close at once with 1008 "slow consumer".</summary>
    Close,
}

/// <summary>
/// Everything the server needs to start, validated: read once from the environment by
/// <see cref="ServerSettingsReader"/>. Immutable.
/// </summary>
public sealed record ServerSettings
{
    /// <summary><c>WEBSOCKET_PORT</c>: WebSockets and the dashboard (0 = any free port, for tests).</summary>
    public int WebSocketPort { get; init; } = 8765;

    /// <summary><c>METRICS_PORT</c>: /health, /ready, /metrics.</summary>
    public int MetricsPort { get; init; } = 8766;

    /// <summary>
    /// <c>WEBSOCKET_REUSE_PORT</c>: bind the WebSocket port with <c>SO_REUSEPORT</c>, so a new instance on the
    /// same host network can listen beside the old one during a start-first upgrade (deploy/README.md).
    /// </summary>
    public bool ReusePort { get; init; }

    /// <summary><c>BIND_ADDRESS</c>: the interface both ports listen on (tests and benches use 127.0.0.1).</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary><c>SHARED_MEMORY_PATH</c>: the directory of ring files.</summary>
    public required string SharedMemoryDirectory { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>AUTH_TOKENS_FILE</c>: one token a line; unset = authentication off.</summary>
    public string? TokenFile { get; init; }

    /// <summary><c>ALLOWED_ORIGINS</c>: comma-separated origins a browser may connect from; empty = any.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary><c>SLOW_CONSUMER_POLICY</c>: conflate (default) or close.</summary>
    public SlowConsumerPolicy SlowConsumerPolicy { get; init; } = SlowConsumerPolicy.Conflate;

    /// <summary><c>CLIENT_BYTE_BUDGET</c>: bytes queued for one client before the slow-consumer policy applies.</summary>
    public int ClientByteBudget { get; init; } = 4 * 1024 * 1024;

    /// <summary><c>SLOW_CONSUMER_GRACE_MS</c>: under <see cref="SlowConsumerPolicy.Conflate"/>, how long a client may stay over budget before it is closed.</summary>
    public TimeSpan SlowConsumerGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>MAX_MESSAGE_BYTES</c>: largest client message; larger closes with 1009.</summary>
    public int MaxMessageBytes { get; init; } = 4096;

    /// <summary><c>MESSAGE_TIMEOUT_MS</c>: a request split into fragments must be finished this soon after its first one; later closes with 1008.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>MAX_SUBSCRIPTIONS</c>: subscriptions one client may hold.</summary>
    public int MaxSubscriptions { get; init; } = 64;

    /// <summary><c>MAX_REQUESTS_PER_SECOND</c>: a client's sustained request rate (bursts of twice this); a flood beyond it closes.</summary>
    public int MaxRequestsPerSecond { get; init; } = 20;

    /// <summary><c>MAX_BAD_MESSAGES</c>: malformed or refused requests tolerated before the client is closed.</summary>
    public int MaxBadMessages { get; init; } = 10;

    /// <summary><c>MAX_CLIENTS</c>: connections beyond this get HTTP 503.</summary>
    public int MaxClients { get; init; } = 50_000;

    /// <summary><c>HEARTBEAT_MS</c>: interval of the server's heartbeat message.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>CLOSE_TIMEOUT_MS</c>: how long a close handshake (slow consumer, abuse) may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>SHUTDOWN_GRACE_SECONDS</c>: how long SIGTERM waits for clients to take their 1012 close.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>RING_SCAN_MS</c>: how often the ring directory is scanned for new rings.</summary>
    public TimeSpan RingScanInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>STALE_FEED_SECONDS</c>: a replica silent this long is replaced by another of the same exchange; /ready needs a feed fresher than this.</summary>
    public TimeSpan StaleFeed { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>READER_IDLE</c>: how the ring reader waits (spin, yield, lowcpu).</summary>
    public AlphaPulse.Core.SharedMemory.IdleMode ReaderIdle { get; init; } = AlphaPulse.Core.SharedMemory.IdleMode.SpinThenYield;

    /// <summary>
    /// <c>HEAP_COMPACT_AFTER_CONNECTIONS</c>: connections opened or closed in a burst before the heap is compacted once the burst
    /// has settled (gives the burst's garbage back; the pause is in <c>alphapulse_ws_heap_compaction_seconds</c>); 0 = never.
    /// </summary>
    public int HeapCompactAfterConnections { get; init; } = 100;

    /// <summary><c>HEAP_COMPACT_SETTLE_MS</c>: how long no connection may open or close before a burst counts as settled.</summary>
    public TimeSpan HeapCompactSettle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Book depths a client may subscribe to; each is one shared stream per symbol.</summary>
    public static IReadOnlyList<int> BookDepths { get; } = [1, 5, 10, 25, 50, 100];
}
