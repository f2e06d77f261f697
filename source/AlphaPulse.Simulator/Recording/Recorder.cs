using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using AlphaPulse.Simulator.Hosting;

namespace AlphaPulse.Simulator.Recording;

/// <summary>
/// Record mode: connects to any WebSocket URL (SIM_URL: a real exchange, the simulator, anything) and
/// writes every received message with its receive time to SIM_FILE, for SIM_SECONDS or SIM_MESSAGES.
/// </summary>
internal static class Recorder
{
    public static async Task<int> RunAsync(SimulatorSettings settings, TextWriter output, CancellationToken cancel)
    {
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(new Uri(settings.Url), cancel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or UriFormatException or HttpRequestException)
        {
            await output.WriteLineAsync($"record needs a reachable WebSocket upstream: SIM_URL={settings.Url} ({ex.Message}; check the URL)").ConfigureAwait(false);
            return 1;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(settings.Duration);
        await using var file = new FileStream(settings.File, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        var count = await RecordAsync(socket, settings, file, timeout.Token).ConfigureAwait(false);
        await output.WriteLineAsync($"recorded {count} frames from {settings.Url} to {settings.File}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Copies messages from <paramref name="socket"/> into the file; returns how many it wrote.</summary>
    public static async Task<long> RecordAsync(WebSocket socket, SimulatorSettings settings, Stream file, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        RecordingFile.WriteHeader(file, settings.Url, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000);
        var buffer = new byte[1 << 16];
        var message = new ArrayBufferWriter<byte>();
        long count = 0, previous = 0;
        try
        {
            while (settings.Messages == 0 || count < settings.Messages)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var now = (long)clock.Elapsed.TotalMicroseconds;
                RecordingFile.WriteFrame(file, now - previous, result.MessageType, message.WrittenSpan);
                previous = now;
                message.ResetWrittenCount();
                count++;
            }
        }
        catch (OperationCanceledException)
        {
            // SIM_SECONDS elapsed or Ctrl+C: what was recorded so far is a complete file.
        }
        await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return count;
    }
}
