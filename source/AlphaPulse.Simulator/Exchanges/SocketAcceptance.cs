using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using AlphaPulse.Simulator.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// Accepts a WebSocket with its own RFC 6455 §4.2.2 handshake so that the connection keeps hold of the
/// raw stream: .NET's WebSocket still reads, answers control frames and pings, while data frames are
/// written in batches (<see cref="FrameWriter"/>) — one stream write per batch instead of per message,
/// which is what lets one connection carry hundreds of thousands of messages a second.
/// </summary>
internal static class SocketAcceptance
{
    private const string HandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static async Task<(WebSocket Socket, FrameWriter Writer)?> AcceptAsync(HttpContext context, SimulatorSettings settings)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            return null;
        }
        // SHA-1 is what RFC 6455 §4.2.2 prescribes for Sec-WebSocket-Accept; it proves nothing secret.
#pragma warning disable CA5350
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + HandshakeGuid)));
#pragma warning restore CA5350
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        var stream = new SerializedWriteStream(await upgrade.UpgradeAsync().ConfigureAwait(false));
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // Server pings as the venues send them (Binance: every 20 s, disconnect when no pong within a
            // minute). With a timeout .NET sends real Ping frames (§5.5.2) and aborts on silence; with
            // SIM_PONG_TIMEOUT_SECONDS=0 it falls back to unsolicited pongs.
            KeepAliveInterval = settings.PingInterval,
            KeepAliveTimeout = settings.PongTimeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : settings.PongTimeout,
        });
        return (socket, new FrameWriter(stream));
    }
}
