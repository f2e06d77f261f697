using System.Diagnostics;
using System.Net.WebSockets;
using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Recording;

/// <summary>
/// Measure mode: a real WebSocket client that counts what SIM_URL delivers for SIM_SECONDS and prints
/// messages per second — the harness behind the simulator's throughput figure.
/// </summary>
internal static class RateProbe
{
    public static async Task<int> RunAsync(SimulatorSettings settings, TextWriter output, CancellationToken cancel)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(settings.Url), cancel).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(settings.Duration);
        var buffer = new byte[1 << 16];
        long messages = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                bytes += result.Count;
                messages += result.EndOfMessage ? 1 : 0;
            }
        }
        catch (OperationCanceledException)
        {
            // The measuring window is over.
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await output.WriteLineAsync(
            $"received {messages} messages ({bytes / 1e6:F1} MB) in {seconds:F1} s: {messages / seconds:F0} msg/s, {bytes / 1e6 / seconds:F1} MB/s").ConfigureAwait(false);
        return 0;
    }
}
