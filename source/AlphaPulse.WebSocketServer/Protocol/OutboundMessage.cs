using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>
/// One serialised message shared by every client it goes to: encoded once per encoding, queued by
/// reference, returned to the pool when the last send pump has sent it. Written by one thread
/// (the encoder) before it is shared, then read-only; the reference count is the only shared mutation.
/// </summary>
internal sealed class OutboundMessage : IBufferWriter<byte>
{
    private const int InitialCapacity = 512;

    /// <summary>Buffers that grew past this go back to the array pool rather than staying with a pooled message.</summary>
    private const int RetainedCapacity = 64 * 1024;

    private static readonly ConcurrentQueue<OutboundMessage> Pool = new();
    private byte[] _buffer = new byte[InitialCapacity];
    private int _length;
    private int _references;

    private OutboundMessage()
    {
    }

    public WebSocketMessageType Type { get; private set; }

    /// <summary>Monotonic publish time of the ring record behind it (0 for control messages): the start of the latency histogram.</summary>
    public long PublishTime { get; private set; }

    /// <summary>A book delta: may be dropped for a slow client, which then gets a fresh snapshot.</summary>
    public bool IsConflatable { get; private set; }

    public int Length => _length;

    public ReadOnlyMemory<byte> Memory => new(_buffer, 0, _length);

    /// <summary>An empty message with one reference, the encoder's.</summary>
    public static OutboundMessage Rent(WebSocketMessageType type, long publishTime, bool conflatable)
    {
        if (!Pool.TryDequeue(out var message))
        {
            message = new OutboundMessage();
        }

        message.Type = type;
        message.PublishTime = publishTime;
        message.IsConflatable = conflatable;
        message._length = 0;
        message._references = 1;
        return message;
    }

    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>Drops one reference; the last one returns the message to the pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        Debug.Assert(left >= 0, "a message is released once per reference");
        if (left == 0)
        {
            if (_buffer.Length > RetainedCapacity)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = new byte[InitialCapacity];
            }

            Pool.Enqueue(this);
        }
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Ensure(int sizeHint)
    {
        if (_buffer.Length - _length < Math.Max(sizeHint, 1))
        {
            GrowOnFull(sizeHint);
        }
    }

    private void GrowOnFull(int sizeHint)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + Math.Max(sizeHint, 256)));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > RetainedCapacity)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
