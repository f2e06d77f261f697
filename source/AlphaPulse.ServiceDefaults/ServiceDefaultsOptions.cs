namespace AlphaPulse.ServiceDefaults;

/// <summary>What a service tells the shared defaults about itself. Immutable.</summary>
public sealed record ServiceDefaultsOptions
{
    /// <summary>The service's short name, first on its error lines (<c>collector</c>, <c>websocket-server</c>).</summary>
    public required string ServiceName { get; init; }

    /// <summary><c>LOG_LEVEL</c>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// The drain deadline: after SIGTERM, how long hosted services and open connections get to finish
    /// before the host stops them. Keep it inside the pod's termination grace period.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
