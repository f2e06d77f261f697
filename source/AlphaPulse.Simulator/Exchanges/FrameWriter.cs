namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// Collects whole, unfragmented server text frames (RFC 6455 §5.2: FIN + opcode 0x1, unmasked, 7/16/64-bit
/// length) and writes them to the connection in one go — byte for byte what .NET's WebSocket would send
/// one message at a time. Threading: the connection's send loop only.
/// </summary>
internal sealed class FrameWriter(Stream stream)
{
    /// <summary>Batches are written once they reach this size, so latency stays low under load.</summary>
    public const int FlushBytes = 64 * 1024;

    private readonly JsonText _batch = new(FlushBytes * 2);

    public int Pending => _batch.Length;

    public void Append(ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[10];
        header[0] = 0x81;
        int headerLength;
        if (payload.Length < 126)
        {
            header[1] = (byte)payload.Length;
            headerLength = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header[1] = 126;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)payload.Length);
            headerLength = 4;
        }
        else
        {
            header[1] = 127;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)payload.Length);
            headerLength = 10;
        }
        _batch.Raw(header[..headerLength]).Raw(payload);
    }

    public async ValueTask FlushAsync()
    {
        if (_batch.Length == 0)
        {
            return;
        }
        await stream.WriteAsync(_batch.Written, CancellationToken.None).ConfigureAwait(false);
        _batch.Clear();
    }
}
