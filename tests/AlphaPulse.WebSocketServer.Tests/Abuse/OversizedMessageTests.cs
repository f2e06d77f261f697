using System.Text;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>
/// Messages that never end or never fit: refused as soon as the bytes pass <c>MAX_MESSAGE_BYTES</c>
/// or the message outlives <c>MESSAGE_TIMEOUT_MS</c>, with the error first and then the close, while
/// the attacker is still sending (RFC 6455 §10.4).
/// </summary>
[Collection(AbuseCases.Name)]
public sealed class OversizedMessageTests
{
    private const int MaxMessageBytes = 1024;

    [Fact]
    public async Task ShouldClose1009WhileAFrameClaimingTwoToTheSixtyTwoBytesIsStillStreaming()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxMessageBytes = MaxMessageBytes });
        using var attacker = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);

        var mask = await attacker.SendHeaderAsync(RawFrame.TextOpcode, fin: true, 1L << 62);
        var streaming = StreamUntilDroppedAsync(attacker, mask);

        var error = await attacker.ReceiveTextContainingAsync("\"error\"");
        var close = await attacker.ReceiveCloseAsync();
        Assert.Contains("message_too_large", error.Text, StringComparison.Ordinal);
        Assert.Equal(1009, close.CloseCode);
        Assert.Equal("message too large", close.CloseReason);
        Assert.True(await attacker.EndsAsync(), "the server kept the connection of a client streaming an endless frame");
        Assert.True(await streaming < 64L * 1024 * 1024, "the server read on long after the limit");
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldClose1009WhenEndlessContinuationFramesPassTheLimit()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxMessageBytes = MaxMessageBytes });
        using var attacker = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);
        var piece = Encoding.ASCII.GetBytes(new string('x', 100));

        await attacker.SendFrameAsync(RawFrame.TextOpcode, fin: false, piece);
        var streaming = Task.Run(async () =>
        {
            // Continuation frames (opcode 0), never FIN: a message with no end.
            while (await TrySendAsync(attacker, piece))
            {
            }
        });

        var error = await attacker.ReceiveTextContainingAsync("\"error\"");
        var close = await attacker.ReceiveCloseAsync();
        Assert.Contains("message_too_large", error.Text, StringComparison.Ordinal);
        Assert.Equal(1009, close.CloseCode);
        Assert.True(await attacker.EndsAsync());
        await streaming;
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldClose1008WhenAFragmentedMessageIsNotFinishedInTime()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MessageTimeout = TimeSpan.FromMilliseconds(300) });
        using var attacker = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);

        // One fragment of a request, then silence: the message buffer would be held for ever.
        await attacker.SendFrameAsync(RawFrame.TextOpcode, fin: false, Encoding.ASCII.GetBytes("{\"op\":\"pi"));

        var error = await attacker.ReceiveTextContainingAsync("\"error\"");
        var close = await attacker.ReceiveCloseAsync();
        Assert.Contains("message_timeout", error.Text, StringComparison.Ordinal);
        Assert.Equal(1008, close.CloseCode);
        Assert.Equal("message not finished in time", close.CloseReason);
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldAcceptARequestSentInFragmentsWithinTheLimits()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { MaxMessageBytes = MaxMessageBytes });
        using var client = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);

        await client.SendFrameAsync(RawFrame.TextOpcode, fin: false, Encoding.ASCII.GetBytes("{\"op\":\"pi"));
        await client.SendFrameAsync(0, fin: true, Encoding.ASCII.GetBytes("ng\",\"id\":7}"));

        var pong = await client.ReceiveTextContainingAsync("\"pong\"");
        client.Dispose();
        Assert.Contains("\"id\":7", pong.Text, StringComparison.Ordinal);
        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldClose1007WhenATextMessageIsNotUtf8()
    {
        await using var arena = await Arena.StartAsync();
        using var attacker = await RawWebSocket.OpenAsync(arena.Server.WebSocketPort);

        // 0xC3 0x28 is an invalid two-byte sequence (RFC 3629 §3): RFC 6455 §8.1 fails the connection with 1007.
        await attacker.SendFrameAsync(RawFrame.TextOpcode, fin: true, [(byte)'{', 0xC3, 0x28, (byte)'}']);

        var close = await attacker.ReceiveCloseAsync();
        Assert.Equal(1007, close.CloseCode);
        await arena.AssertUnharmedAsync();
    }

    /// <summary>Streams payload bytes of the huge frame until the server drops the connection; returns the bytes sent.</summary>
    private static Task<long> StreamUntilDroppedAsync(RawWebSocket attacker, byte[] mask) => Task.Run(async () =>
    {
        var block = new byte[16 * 1024];
        Array.Fill(block, (byte)'x');
        long sent = 0;
        while (sent < 256L * 1024 * 1024 && await TrySendPayloadAsync(attacker, mask, block, sent))
        {
            sent += block.Length;
        }

        return sent;
    });

    private static async Task<bool> TrySendPayloadAsync(RawWebSocket attacker, byte[] mask, byte[] block, long offset)
    {
        try
        {
            await attacker.SendPayloadAsync(mask, block, offset);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> TrySendAsync(RawWebSocket attacker, byte[] piece)
    {
        try
        {
            await attacker.SendFrameAsync(0, fin: false, piece);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }
}
