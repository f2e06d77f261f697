using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// A Kestrel connection's transport pipes as the stream a <see cref="System.Net.WebSockets.WebSocket"/>
/// reads and writes. Disposing it aborts the connection, which ends a read or flush still pending
/// (the WebSocket disposes its stream when it is aborted or disposed). One reader, one writer at a time,
/// as the WebSocket guarantees.
/// </summary>
internal sealed class DuplexPipeStream(ConnectionContext connection) : Stream
{
    private readonly PipeReader _input = connection.Transport.Input;
    private readonly PipeWriter _output = connection.Transport.Output;
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        var source = result.Buffer;
        if (source.IsEmpty || buffer.IsEmpty)
        {
            // End of stream (the peer or an abort completed the pipe), or a zero-byte read.
            _input.AdvanceTo(source.Start);
            return 0;
        }

        var count = (int)Math.Min(source.Length, buffer.Length);
        source.Slice(0, count).CopyTo(buffer.Span);
        _input.AdvanceTo(source.GetPosition(count));
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("the connection closed while sending (the peer left, or the connection was aborted)");
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException("the WebSocket writes asynchronously");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the WebSocket reads asynchronously");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the WebSocket writes asynchronously");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            connection.Abort(new ConnectionAbortedException("the WebSocket ended"));
        }

        base.Dispose(disposing);
    }
}
