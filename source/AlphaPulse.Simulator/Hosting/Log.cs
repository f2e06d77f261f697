namespace AlphaPulse.Simulator.Hosting;

/// <summary>Source-generated log messages (structured fields, no formatting on the hot path).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Market feed started: {Rate} messages/s over {Markets} markets (venue × instrument), seed {Seed}")]
    public static partial void FeedStarted(ILogger logger, long rate, int markets, ulong seed);

    [LoggerMessage(2, LogLevel.Warning, "Market feed fell more than a second behind; skipped {Backlog} messages of backlog")]
    public static partial void FeedBehind(ILogger logger, long backlog);

    [LoggerMessage(3, LogLevel.Information, "Connection {Connection} opened on {Path}")]
    public static partial void ConnectionOpened(ILogger logger, long connection, string path);

    [LoggerMessage(4, LogLevel.Information, "Connection {Connection} closed after {Messages} messages")]
    public static partial void ConnectionClosed(ILogger logger, long connection, long messages);

    [LoggerMessage(5, LogLevel.Warning, "Connection {Connection} is too slow: {Queued} messages queued (limit SIM_QUEUE); closing it")]
    public static partial void SlowConsumer(ILogger logger, long connection, int queued);

    [LoggerMessage(6, LogLevel.Information, "Injected {Kind} on connection {Connection} ({Symbol})")]
    public static partial void FaultInjected(ILogger logger, string kind, long connection, string symbol);

    [LoggerMessage(7, LogLevel.Debug, "Connection {Connection} ended: {Reason}")]
    public static partial void ConnectionError(ILogger logger, long connection, string reason);

    [LoggerMessage(8, LogLevel.Information, "Recorded {Messages} frames from {Url} to {File}")]
    public static partial void Recorded(ILogger logger, long messages, string url, string file);

    [LoggerMessage(9, LogLevel.Information, "Replaying {Frames} frames from {File} at {Speed} speed")]
    public static partial void Replaying(ILogger logger, int frames, string file, string speed);
}
