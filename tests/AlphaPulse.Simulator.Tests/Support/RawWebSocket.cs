using System.Net.Sockets;
using System.Text;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>
/// A bare RFC 6455 client over TCP, for what ClientWebSocket hides: it answers pings itself, so a test
/// that must see the server's ping frames reads the frame headers directly.
/// </summary>
internal static class RawWebSocket
{
    public const int Ping = 0x9;

    public static async Task<List<int>> ReadOpcodesAsync(Uri server, string path, int count)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var header = new StringBuilder();
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            header.Append((char)await ReadByteAsync(stream));
        }
        Assert.StartsWith("HTTP/1.1 101", header.ToString(), StringComparison.Ordinal);
        var opcodes = new List<int>();
        while (opcodes.Count < count)
        {
            var first = await ReadByteAsync(stream);
            var length = await ReadByteAsync(stream) & 0x7F;
            // Server frames are unmasked (RFC 6455 §5.1); pings carry at most 125 bytes.
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload);
            opcodes.Add(first & 0x0F);
            if ((first & 0x0F) == Ping)
            {
                // Answer as a client must (RFC 6455 §5.5.3): a masked pong echoing the payload. The server
                // sends its next ping only after this one is answered. An all-zero mask leaves bytes unchanged.
                await stream.WriteAsync((byte[])[0x8A, (byte)(0x80 | length), 0, 0, 0, 0, .. payload]);
            }
        }
        return opcodes;
    }

    private static async Task<int> ReadByteAsync(NetworkStream stream)
    {
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.ReadExactlyAsync(one, timeout.Token);
        return one[0];
    }
}
