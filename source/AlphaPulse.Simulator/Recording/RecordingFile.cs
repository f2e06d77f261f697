using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;

namespace AlphaPulse.Simulator.Recording;

/// <summary>One received WebSocket message and when it arrived, in microseconds after the recording began.</summary>
internal sealed record RecordedFrame(long OffsetMicros, WebSocketMessageType Type, byte[] Payload);

/// <summary>A whole recording: where it came from, when it began, and its frames in arrival order.</summary>
internal sealed record Recording(string Url, long StartUnixMicros, IReadOnlyList<RecordedFrame> Frames);

/// <summary>
/// The recording format (".aprec", documented in docs/simulator.md), little-endian, compact enough for
/// millions of frames:
/// <code>
/// header : "APREC" | version u8 (=1) | start time i64 (Unix µs) | url length u16 | url (UTF-8)
/// frame* : delta µs since the previous frame (unsigned LEB128) | type u8 (1 text, 2 binary)
///          | payload length (unsigned LEB128) | payload
/// </code>
/// </summary>
internal static class RecordingFile
{
    private const byte Version = 1;
    private static ReadOnlySpan<byte> Magic => "APREC"u8;

    public static void WriteHeader(Stream output, string url, long startUnixMicros)
    {
        var urlBytes = Encoding.UTF8.GetBytes(url);
        Span<byte> fixedPart = stackalloc byte[5 + 1 + 8 + 2];
        Magic.CopyTo(fixedPart);
        fixedPart[5] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(fixedPart[6..], startUnixMicros);
        BinaryPrimitives.WriteUInt16LittleEndian(fixedPart[14..], checked((ushort)urlBytes.Length));
        output.Write(fixedPart);
        output.Write(urlBytes);
    }

    public static void WriteFrame(Stream output, long deltaMicros, WebSocketMessageType type, ReadOnlySpan<byte> payload)
    {
        WriteVarint(output, (ulong)deltaMicros);
        output.WriteByte(type == WebSocketMessageType.Binary ? (byte)2 : (byte)1);
        WriteVarint(output, (ulong)payload.Length);
        output.Write(payload);
    }

    public static Recording Read(string path)
    {
        using var input = new BufferedStream(File.OpenRead(path), 1 << 16);
        Span<byte> fixedPart = stackalloc byte[16];
        input.ReadExactly(fixedPart);
        if (!fixedPart[..5].SequenceEqual(Magic) || fixedPart[5] != Version)
        {
            throw new InvalidDataException($"a recording must start with APREC version {Version}: file={path} (record one with: AlphaPulse.Simulator record --url … --file {path})");
        }
        var start = BinaryPrimitives.ReadInt64LittleEndian(fixedPart[6..]);
        var url = new byte[BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[14..])];
        input.ReadExactly(url);
        var frames = new List<RecordedFrame>();
        var offset = 0L;
        while (TryReadVarint(input, out var delta))
        {
            var type = input.ReadByte() == 2 ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
            TryReadVarint(input, out var length);
            var payload = new byte[length];
            input.ReadExactly(payload);
            offset += (long)delta;
            frames.Add(new RecordedFrame(offset, type, payload));
        }
        return new Recording(Encoding.UTF8.GetString(url), start, frames);
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        output.WriteByte((byte)value);
    }

    private static bool TryReadVarint(Stream input, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = input.ReadByte();
            if (b < 0)
            {
                return shift == 0 ? false : throw new EndOfStreamException("a recording ends inside a frame header (the file is truncated)");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        throw new InvalidDataException("a frame length in the recording is longer than 64 bits (the file is corrupt)");
    }
}
