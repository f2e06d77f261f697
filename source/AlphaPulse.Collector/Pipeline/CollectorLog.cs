
namespace AlphaPulse.Collector.Pipeline;

/// <summary>Source-generated log messages of the collector (allocation-free when disabled; NativeAOT-safe).</summary>
internal static partial class CollectorLog
{
    [LoggerMessage(1, LogLevel.Information, "Collector {Exchange} replica {Replica} writing ring {RingPath} for {Symbols}")]
    public static partial void Started(ILogger logger, string exchange, string replica, string ringPath, string symbols);

    [LoggerMessage(2, LogLevel.Information, "Connecting to {Uri}")]
    public static partial void Connecting(ILogger logger, Uri uri);

    [LoggerMessage(3, LogLevel.Warning, "Connection ended ({Reason}) after {Frames} frames: {Detail}; reconnecting in {DelayMs} ms")]
    public static partial void Disconnected(ILogger logger, DisconnectReason reason, long frames, string detail, long delayMs);

    [LoggerMessage(4, LogLevel.Warning, "{Outcome} frame ({Suppressed} similar suppressed since the last report): {Excerpt}")]
    public static partial void BadFrame(ILogger logger, string outcome, long suppressed, string excerpt);

    [LoggerMessage(5, LogLevel.Warning, "Snapshot request for {Symbol} failed: {Detail}")]
    public static partial void SnapshotFailed(ILogger logger, string symbol, string detail);

    [LoggerMessage(6, LogLevel.Warning, "Snapshot for {Symbol} was not a valid depth snapshot ({Length} bytes)")]
    public static partial void SnapshotMalformed(ILogger logger, string symbol, int length);

    [LoggerMessage(7, LogLevel.Information, "Stopping: published the end of the stream and closed ring {RingPath}")]
    public static partial void Stopped(ILogger logger, string ringPath);

    [LoggerMessage(8, LogLevel.Information, "Connected to {Uri}")]
    public static partial void Connected(ILogger logger, Uri uri);

    [LoggerMessage(9, LogLevel.Warning, "{Exchange} {Symbol}: {Reason}; book reset, resubscribing")]
    public static partial void Resubscribing(ILogger logger, string exchange, string symbol, string reason);

    [LoggerMessage(11, LogLevel.Information, "Kraken status: system {System}, version {Version}, connection id {ConnectionId}")]
    public static partial void KrakenStatus(ILogger logger, string system, string version, ulong connectionId);

    [LoggerMessage(12, LogLevel.Warning, "Coinbase refused level2 ({Detail}); falling back to the unauthenticated level2_batch channel")]
    public static partial void Level2Refused(ILogger logger, string detail);

    [LoggerMessage(13, LogLevel.Information, "Hot path: threads pinned to cores {Cores}; tiered compilation {Tiering} (DOTNET_TieredCompilation)")]
    public static partial void HotPath(ILogger logger, string cores, string tiering);

    [LoggerMessage(14, LogLevel.Warning, "PIN_CPUS not applied, the collector runs unpinned: {Error}")]
    public static partial void PinningRefused(ILogger logger, string error);
}
