using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>How every exchange endpoint accepts a WebSocket.</summary>
internal static class SocketAcceptance
{
    /// <summary>
    /// Server pings as the venues send them (Binance: a ping frame every 20 s, disconnect when no pong
    /// arrives within a minute). With a pong timeout, .NET sends real Ping frames (RFC 6455 §5.5.2) and
    /// aborts on silence; with SIM_PONG_TIMEOUT_SECONDS=0 it falls back to unsolicited pongs.
    /// </summary>
    public static WebSocketAcceptContext For(SimulatorSettings settings) => new()
    {
        KeepAliveInterval = settings.PingInterval,
        KeepAliveTimeout = settings.PongTimeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : settings.PongTimeout,
    };
}
