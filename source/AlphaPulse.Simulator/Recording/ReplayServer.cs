using System.Diagnostics;
using System.Net.WebSockets;
using AlphaPulse.Simulator.Exchanges;
using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Recording;

/// <summary>
/// Replay mode: every WebSocket connection, on any path, receives the recording (SIM_FILE) from its first
/// frame, at the original pace (SIM_SPEED=original) or as fast as the socket takes it (SIM_SPEED=max),
/// then a normal close.
/// </summary>
internal sealed partial class ReplayServer(Recording recording, SimulatorSettings settings, ILogger<ReplayServer> logger)
{
    public async Task ServeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("replay serves WebSocket connections only (connect with ws://…)").ConfigureAwait(false);
            return;
        }
        if (await SocketAcceptance.AcceptAsync(context, settings).ConfigureAwait(false) is not var (socket, _))
        {
            return;
        }
        using var __ = socket;
        Log.Replaying(logger, recording.Frames.Count, settings.File, settings.Speed.ToString());
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var frame in recording.Frames)
            {
                if (settings.Speed == ReplaySpeed.Original && frame.OffsetMicros > clock.Elapsed.TotalMicroseconds)
                {
                    await Task.Delay(TimeSpan.FromMicroseconds(frame.OffsetMicros - clock.Elapsed.TotalMicroseconds), context.RequestAborted).ConfigureAwait(false);
                }
                await socket.SendAsync(frame.Payload, frame.Type, true, context.RequestAborted).ConfigureAwait(false);
            }
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "end of recording", context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            Log.ConnectionError(logger, 0, ex.Message);
        }
    }
}
