namespace AlphaPulse.WebSocketServer.Diagnostics;

/// <summary>Source-generated log messages (structured, allocation-free when disabled, NativeAOT-safe).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Scanning {Directory} for ring files")]
    public static partial void ScanningRings(ILogger logger, string directory);

    [LoggerMessage(2, LogLevel.Warning, "Ring scan of {Directory} failed: {Reason}")]
    public static partial void RingScanFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(3, LogLevel.Information, "Exchange {Exchange} found in {Directory}: its replica rings are read by one merged reader")]
    public static partial void ExchangeFound(ILogger logger, string exchange, string directory);

    [LoggerMessage(4, LogLevel.Warning, "Exchange {Exchange} cannot be read: {Reason}")]
    public static partial void ExchangeRefused(ILogger logger, string exchange, string reason);

    [LoggerMessage(5, LogLevel.Information, "Exchange {Exchange} now has {Instruments} instruments from replicas {Source}")]
    public static partial void InstrumentsMapped(ILogger logger, string exchange, int instruments, string source);

    [LoggerMessage(6, LogLevel.Warning, "Exchange {Exchange}: no replica holds a valid {Symbol} book (records lost so far {Lost}); subscribers keep the last state until the next snapshot")]
    public static partial void Resync(ILogger logger, string exchange, long lost, string symbol);

    [LoggerMessage(7, LogLevel.Debug, "Client {ClientId} connected from {Remote} ({Encoding})")]
    public static partial void ClientConnected(ILogger logger, long clientId, System.Net.EndPoint? remote, string encoding);

    [LoggerMessage(8, LogLevel.Debug, "Client {ClientId} disconnected")]
    public static partial void ClientDisconnected(ILogger logger, long clientId);

    [LoggerMessage(9, LogLevel.Information, "Closing client {ClientId} with {Code}: {Reason}")]
    public static partial void ClosingClient(ILogger logger, long clientId, int code, string reason);

    [LoggerMessage(10, LogLevel.Information, "Connection refused: {Reason} (remote {Remote})")]
    public static partial void Refused(ILogger logger, string reason, string remote);

    [LoggerMessage(11, LogLevel.Information, "Shutting down: closing {Clients} clients with 1012 service restart, grace {Grace}")]
    public static partial void Draining(ILogger logger, int clients, TimeSpan grace);

    [LoggerMessage(12, LogLevel.Error, "Market hub failed; it restarts its loop")]
    public static partial void HubFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "File {Path} in the ring directory is not named <exchange>-<replica>.ring as collectors name rings: nothing reads it (rename it, e.g. binance-a.ring)")]
    public static partial void RingMisnamed(ILogger logger, string path);

    [LoggerMessage(14, LogLevel.Warning, "Client {ClientId} failed: {Reason}")]
    public static partial void ClientFailed(ILogger logger, long clientId, string reason);

    [LoggerMessage(16, LogLevel.Information, "WebSocket port {Port} bound with SO_REUSEPORT; it listens once a ring delivers data, so until then new connections go to the server it replaces")]
    public static partial void WaitingToListen(ILogger logger, int port);

    [LoggerMessage(17, LogLevel.Information, "WebSocket port {Port} listening after {Seconds:F1} s: a ring delivers data")]
    public static partial void Listening(ILogger logger, int port, double seconds);

    [LoggerMessage(18, LogLevel.Error, "WebSocket port {Port} cannot listen: {Reason}; /ready stays 503")]
    public static partial void ListenFailed(ILogger logger, int port, string reason);

    [LoggerMessage(19, LogLevel.Information, "Connection burst settled: heap compacted in {PauseMs:F1} ms, resident memory {BeforeKb} KB before, {AfterKb} KB after")]
    public static partial void HeapCompacted(ILogger logger, long beforeKb, long afterKb, double pauseMs);
}
