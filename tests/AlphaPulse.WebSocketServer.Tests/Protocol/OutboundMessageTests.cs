using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Protocol;

/// <summary>A pooled message as a buffer writer: whatever is written stays, in order, however large it grows; a rented one starts empty.</summary>
public sealed class OutboundMessageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(100_000)]
    public void ShouldKeepEveryByteWrittenThroughSpansWhateverTheSizeHint(int sizeHint)
    {
        var message = OutboundMessage.Rent(WebSocketMessageType.Binary, publishTime: 5, conflatable: true);
        var written = Write(message, 200_000, sizeHint, memory: false);

        Assert.Equal(written.Length, message.Length);
        Assert.True(message.Memory.Span.SequenceEqual(written));
        message.Release();
    }

    [Fact]
    public void ShouldKeepEveryByteWrittenThroughMemory()
    {
        var message = OutboundMessage.Rent(WebSocketMessageType.Text, publishTime: 0, conflatable: false);
        var written = Write(message, 3000, sizeHint: 0, memory: true);

        Assert.True(message.Memory.Span.SequenceEqual(written));
        message.Release();
    }

    [Fact]
    public void ShouldGiveAtLeastTheSpaceAskedFor()
    {
        var message = OutboundMessage.Rent(WebSocketMessageType.Binary, publishTime: 0, conflatable: false);
        message.Advance(10);

        Assert.True(message.GetSpan(10_000).Length >= 10_000);
        Assert.True(message.GetMemory(20_000).Length >= 20_000);
        Assert.True(message.GetSpan().Length >= 1);
        Assert.Equal(10, message.Length);
        message.Release();
    }

    [Fact]
    public void ShouldRentAnEmptyMessageWithWhatItWasRentedFor()
    {
        for (var i = 0; i < 50; i++)
        {
            var used = OutboundMessage.Rent(WebSocketMessageType.Binary, publishTime: 9, conflatable: true);
            Write(used, 100_000, 0, memory: false);
            used.Release();

            var message = OutboundMessage.Rent(WebSocketMessageType.Text, publishTime: i, conflatable: false);

            Assert.Equal((0, WebSocketMessageType.Text, (long)i, false), (message.Length, message.Type, message.PublishTime, message.IsConflatable));
            var next = Write(message, 600, 0, memory: false);
            Assert.True(message.Memory.Span.SequenceEqual(next));
            message.Release();
        }
    }

    [Fact]
    public void ShouldKeepItsContentUntilTheLastReferenceIsReleased()
    {
        var message = OutboundMessage.Rent(WebSocketMessageType.Text, publishTime: 1, conflatable: false);
        var written = Write(message, 100, 0, memory: false);
        message.AddReference();

        message.Release();
        for (var i = 0; i < 20; i++)
        {
            // Anyone renting now must not be handed the message still referenced.
            var other = OutboundMessage.Rent(WebSocketMessageType.Binary, publishTime: 2, conflatable: true);
            Assert.NotSame(message, other);
            Write(other, 100, 0, memory: false);
            other.Release();
        }

        Assert.True(message.Memory.Span.SequenceEqual(written));
        message.Release();
    }

    private static byte[] Write(OutboundMessage message, int total, int sizeHint, bool memory)
    {
        var written = new byte[total];
        for (var i = 0; i < total; i++)
        {
            written[i] = (byte)(i * 7);
        }

        var offset = 0;
        while (offset < total)
        {
            var destination = memory ? message.GetMemory(sizeHint).Span : message.GetSpan(sizeHint);
            var count = Math.Min(Math.Min(destination.Length, 333), total - offset);
            written.AsSpan(offset, count).CopyTo(destination);
            message.Advance(count);
            offset += count;
        }

        return written;
    }
}
