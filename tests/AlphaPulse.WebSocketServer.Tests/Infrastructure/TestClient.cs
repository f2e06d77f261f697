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

    /// <summary>Skips heartbeats and anything else until a frame of <paramref name="type"/> arrives.</summary>
    public async Task<Frame> ReceiveTypeAsync(string type)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            Assert.False(frame.Kind == WebSocketMessageType.Close, $"closed while waiting for {type}: {frame.CloseStatus} {frame.CloseReason}");
            if (frame.Kind == WebSocketMessageType.Text && frame.Type == type)
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the server's close frame; returns it.</summary>
    public async Task<Frame> ReceiveCloseAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Kind == WebSocketMessageType.Close)
            {
                return frame;
            }
        }
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
