using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>One received frame: JSON (with its <c>type</c>), binary bytes, or the close.</summary>
internal sealed record Frame(WebSocketMessageType Kind, byte[] Data, WebSocketCloseStatus? CloseStatus = null, string? CloseReason = null)
{
    private JsonElement? _json;

    public JsonElement Json => _json ??= JsonDocument.Parse(Data).RootElement.Clone();

    public string Type => Kind == WebSocketMessageType.Text ? Json.GetProperty("type").GetString()! : Kind.ToString();

    public string Text => Encoding.UTF8.GetString(Data);

    public long Seq => Json.GetProperty("seq").GetInt64();

    public string Str(string name) => Json.GetProperty(name).GetString()!;
}

/// <summary>A real WebSocket client (System.Net.WebSockets.ClientWebSocket) with receive helpers. Single-threaded.</summary>
internal sealed class TestClient(ClientWebSocket socket) : IDisposable
{
    private readonly byte[] _buffer = new byte[64 * 1024];

    public ClientWebSocket Socket => socket;

    public Task SendAsync(object request) => SendTextAsync(JsonSerializer.Serialize(request));

    public async Task SendTextAsync(string text)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, guard.Token);
    }

    public async Task<Frame> ReceiveAsync()
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        var buffer = _buffer;
        using var data = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, guard.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new Frame(WebSocketMessageType.Close, [], result.CloseStatus, result.CloseStatusDescription);
            }

            data.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return new Frame(result.MessageType, data.ToArray());
            }
        }
    }

    public async Task<Frame> ReceiveJsonAsync()
    {
        var frame = await ReceiveAsync();
        Assert.True(frame.Kind == WebSocketMessageType.Text, $"expected a JSON text frame, got {frame.Kind} {frame.CloseStatus} {frame.CloseReason}");
        return frame;
    }

    /// <summary>
    /// Skips heartbeats and anything else until a frame of <paramref name="type"/> arrives. The hang
    /// guard bounds the whole wait, not each frame: heartbeats alone must not keep a lost reply waiting
    /// forever. A failure names the frames that came instead.
    /// </summary>
    public Task<Frame> ReceiveTypeAsync(string type) => ReceiveUntilAsync(type, frame =>
    {
        Assert.False(frame.Kind == WebSocketMessageType.Close, $"closed while waiting for {type}: {frame.CloseStatus} {frame.CloseReason}");
        return frame.Kind == WebSocketMessageType.Text && frame.Type == type;
    });

    /// <summary>Reads until the server's close frame; returns it.</summary>
    public Task<Frame> ReceiveCloseAsync() => ReceiveUntilAsync("the close frame", frame => frame.Kind == WebSocketMessageType.Close);

    /// <summary>Reads until <paramref name="isWanted"/> accepts a frame, within the hang guard overall.</summary>
    public async Task<Frame> ReceiveUntilAsync(string wanted, Func<Frame, bool> isWanted)
    {
        var deadline = DateTime.UtcNow + TestServer.HangGuard;
        var skipped = new Queue<string>();
        var count = 0;
        while (DateTime.UtcNow < deadline)
        {
            var frame = await ReceiveAsync();
            if (isWanted(frame))
            {
                return frame;
            }

            count++;
            skipped.Enqueue(frame.Kind == WebSocketMessageType.Text ? frame.Text[..Math.Min(frame.Text.Length, 160)] : $"{frame.Kind} ({frame.Data.Length} bytes)");
            if (skipped.Count > 5)
            {
                skipped.Dequeue();
            }
        }

        Assert.Fail($"no {wanted} within {TestServer.HangGuard.TotalSeconds:0} s; {count} other frames came, the last: {string.Join(" | ", skipped)}");
        throw new UnreachableException();
    }

    public async Task<Frame> SubscribeAsync(string channel, string exchange, string symbol, int? depth = null, long id = 1)
    {
        await SendAsync(depth is null
            ? new { op = "subscribe", channel, exchange, symbol, id }
            : new { op = "subscribe", channel, exchange, symbol, depth, id });
        return await ReceiveTypeAsync("subscribed");
    }

    public void Dispose() => socket.Dispose();
}
