using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>An HTTP answer to a handshake: status, headers (lower-case names) and body.</summary>
internal sealed record HandshakeAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>One frame from the server (RFC 6455 §5.2; server frames are unmasked).</summary>
internal sealed record RawFrame(byte Opcode, bool Fin, byte[] Payload)
{
    public const byte TextOpcode = 0x1;
    public const byte CloseOpcode = 0x8;

    public int CloseCode => Opcode == CloseOpcode && Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 0;

    public string CloseReason => Opcode == CloseOpcode && Payload.Length > 2 ? Encoding.UTF8.GetString(Payload, 2, Payload.Length - 2) : string.Empty;

    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// A WebSocket client over a bare <see cref="TcpClient"/> that writes whatever bytes a test asks for —
/// malformed handshakes, frame headers claiming huge payloads, endless fragments, invalid UTF-8 —
/// which <c>ClientWebSocket</c> refuses to send. Single-threaded.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _one = new byte[1];

    private RawWebSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static string ValidKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Connects and sends an opening handshake with <paramref name="headers"/> (a valid one by default);
    /// with <paramref name="pauseMidHead"/>, in two writes that far apart.
    /// </summary>
    public static async Task<(RawWebSocket Socket, HandshakeAnswer Answer)> ConnectAsync(int port, IReadOnlyDictionary<string, string?>? headers = null, string method = "GET", TimeSpan? pauseMidHead = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = $"127.0.0.1:{port}",
            ["Upgrade"] = "websocket",
            ["Connection"] = "Upgrade",
            ["Sec-WebSocket-Key"] = ValidKey(),
            ["Sec-WebSocket-Version"] = "13",
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var tcp = new TcpClient { NoDelay = true };
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        await tcp.ConnectAsync("127.0.0.1", port, guard.Token);
        var socket = new RawWebSocket(tcp);
        var request = new StringBuilder($"{method} /ws HTTP/1.1\r\n");
        foreach (var (name, value) in all)
        {
            if (value is not null)
            {
                request.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        var head = Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
        if (pauseMidHead is { } pause)
        {
            await socket.WriteAsync(head.AsMemory(0, head.Length / 2));
            await Task.Delay(pause, guard.Token);
            head = head[(head.Length / 2)..];
        }

        await socket.WriteAsync(head);
        return (socket, await socket.ReadAnswerAsync());
    }

    /// <summary>Connects with a valid handshake and reads the welcome; the connection is then open.</summary>
    public static async Task<RawWebSocket> OpenAsync(int port)
    {
        var (socket, answer) = await ConnectAsync(port);
        Assert.Equal(101, answer.Status);
        var welcome = await socket.ReceiveAsync();
        Assert.Contains("\"welcome\"", welcome.Text, StringComparison.Ordinal);
        return socket;
    }

    /// <summary>Writes one client frame header (masked, RFC 6455 §5.3) and returns the mask for its payload.</summary>
    public async Task<byte[]> SendHeaderAsync(byte opcode, bool fin, long payloadLength)
    {
        var header = new byte[14];
        header[0] = (byte)((fin ? 0x80 : 0) | opcode);
        int used;
        if (payloadLength < 126)
        {
            header[1] = (byte)(0x80 | payloadLength);
            used = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            header[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)payloadLength);
            used = 4;
        }
        else
        {
            header[1] = 0x80 | 127;
            BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(2), payloadLength);
            used = 10;
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        mask.CopyTo(header, used);
        await WriteAsync(header.AsMemory(0, used + 4));
        return mask;
    }

    /// <summary>Payload bytes of the frame whose header was sent, masked from <paramref name="offset"/> into the payload.</summary>
    public Task SendPayloadAsync(byte[] mask, ReadOnlyMemory<byte> payload, long offset = 0)
    {
        var masked = payload.ToArray();
        for (var i = 0; i < masked.Length; i++)
        {
            masked[i] ^= mask[(int)((offset + i) & 3)];
        }

        return WriteAsync(masked);
    }

    public async Task SendFrameAsync(byte opcode, bool fin, byte[] payload)
    {
        var mask = await SendHeaderAsync(opcode, fin, payload.Length);
        await SendPayloadAsync(mask, payload);
    }

    /// <summary>The next server frame, within the hang guard; null when the connection ended (FIN or reset) first.</summary>
    public async Task<RawFrame?> TryReceiveAsync()
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        try
        {
            var head = new byte[8];
            if (!await ReadExactlyAsync(head.AsMemory(0, 2), guard.Token))
            {
                return null;
            }

            var first = head[0];
            long length = head[1] & 0x7F;
            if (length == 126)
            {
                await ReadExactlyAsync(head.AsMemory(0, 2), guard.Token);
                length = BinaryPrimitives.ReadUInt16BigEndian(head);
            }
            else if (length == 127)
            {
                await ReadExactlyAsync(head.AsMemory(0, 8), guard.Token);
                length = BinaryPrimitives.ReadInt64BigEndian(head);
            }

            var payload = new byte[length];
            await ReadExactlyAsync(payload, guard.Token);
            return new RawFrame((byte)(first & 0x0F), (first & 0x80) != 0, payload);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<RawFrame> ReceiveAsync() => await TryReceiveAsync() ?? throw new Xunit.Sdk.XunitException("the server ended the connection before sending a frame");

    /// <summary>Reads frames until a text frame containing <paramref name="fragment"/>, skipping heartbeats and data.</summary>
    public async Task<RawFrame> ReceiveTextContainingAsync(string fragment)
    {
        var deadline = DateTime.UtcNow + TestServer.HangGuard;
        var skipped = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var frame = await ReceiveAsync();
            Assert.False(frame.Opcode == RawFrame.CloseOpcode, $"closed while waiting for {fragment}: {frame.CloseCode} {frame.CloseReason}; before it: {string.Join(" | ", skipped.TakeLast(3))}");
            skipped.Add($"opcode {frame.Opcode}: {frame.Text[..Math.Min(frame.Text.Length, 120)]}");
            if (frame.Opcode == RawFrame.TextOpcode && frame.Text.Contains(fragment, StringComparison.Ordinal))
            {
                return frame;
            }
        }

        throw new Xunit.Sdk.XunitException($"no frame with {fragment} within {TestServer.HangGuard}");
    }

    /// <summary>Reads frames until the server's close frame.</summary>
    public async Task<RawFrame> ReceiveCloseAsync()
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Opcode == RawFrame.CloseOpcode)
            {
                return frame;
            }
        }
    }

    /// <summary>True once the server has ended the TCP connection (EOF or reset), within the hang guard.</summary>
    public async Task<bool> EndsAsync()
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        try
        {
            var scratch = new byte[4096];
            while (await _stream.ReadAsync(scratch, guard.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Drops the TCP connection with a reset, as a crashed client's kernel would (no close frame, no FIN).</summary>
    public void Reset()
    {
        _tcp.Client.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        _tcp.Client.Close();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        await _stream.WriteAsync(bytes, guard.Token);
    }

    private async Task<bool> ReadExactlyAsync(Memory<byte> buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await _stream.ReadAsync(buffer[read..], token);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }

    private async Task<HandshakeAnswer> ReadAnswerAsync()
    {
        using var guard = new CancellationTokenSource(TestServer.HangGuard);
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(_one, guard.Token) == 0)
            {
                break;
            }

            head.Append((char)_one[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = status == 101 ? string.Empty : await ReadBodyAsync(headers, guard.Token);
        return new HandshakeAnswer(status, headers, body);
    }

    private async Task<string> ReadBodyAsync(Dictionary<string, string> headers, CancellationToken token)
    {
        using var body = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out var contentLength))
        {
            var bytes = new byte[int.Parse(contentLength, System.Globalization.CultureInfo.InvariantCulture)];
            await ReadExactlyAsync(bytes, token);
            return Encoding.UTF8.GetString(bytes);
        }

        // Chunked (RFC 9112 §7.1): size line, data, CRLF; a zero size ends it.
        while (true)
        {
            var sizeLine = new StringBuilder();
            while (!sizeLine.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            {
                if (!await ReadExactlyAsync(_one, token))
                {
                    return Encoding.UTF8.GetString(body.ToArray());
                }

                sizeLine.Append((char)_one[0]);
            }

            var size = Convert.ToInt32(sizeLine.ToString().Trim(), 16);
            var chunk = new byte[size + 2];
            await ReadExactlyAsync(chunk, token);
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }

            body.Write(chunk, 0, size);
        }
    }
}
