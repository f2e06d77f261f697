using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges;

/// <summary>
/// A growable UTF-8 buffer for hand-written JSON. Exchange frames have fixed shapes and field orders that
/// must match the venues' documentation byte for byte, which a general serializer does not promise; this
/// writes exactly what each encoder says. Reused per connection: not thread-safe.
/// </summary>
internal sealed class JsonText(int capacity = 1024)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public JsonText Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        Length += utf8.Length;
        return this;
    }

    /// <summary>Appends ASCII text that needs no JSON escaping (symbols, stream names, checked request ids).</summary>
    public JsonText Ascii(string text)
    {
        Length += Encoding.ASCII.GetBytes(text, Reserve(text.Length));
        return this;
    }

    public JsonText Number(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        Length += written;
        return this;
    }

    public JsonText Number(ulong value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        Length += written;
        return this;
    }

    public JsonText Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    /// <summary>Appends a fixed-point value as a quoted decimal string: <c>"60000.01000000"</c>.</summary>
    public JsonText Decimal(long valueE8, int decimals = DecimalText.Decimals)
    {
        var span = Reserve(32);
        span[0] = (byte)'"';
        var written = 1 + DecimalText.Write(span[1..], valueE8, decimals);
        span[written] = (byte)'"';
        Length += written + 1;
        return this;
    }

    /// <summary>Appends a fixed-point value as a bare JSON number with exactly that many decimals: <c>60000.01</c>, <c>0.00100000</c>.</summary>
    public JsonText Plain(long valueE8, int decimals)
    {
        Length += DecimalText.Write(Reserve(32), valueE8, decimals);
        return this;
    }

    /// <summary>Appends a quoted RFC 3339 UTC time with microseconds, as Coinbase and Kraken write it: <c>"2023-10-06T17:35:55.440000Z"</c>.</summary>
    public JsonText Time(long unixMs)
    {
        var span = Reserve(32);
        span[0] = (byte)'"';
        DateTime.UnixEpoch.AddMilliseconds(unixMs)
            .TryFormat(span[1..], out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        span[written + 1] = (byte)'"';
        Length += written + 2;
        return this;
    }

    /// <summary>Appends a quoted JSON string, escaped (client text may appear in error replies).</summary>
    public JsonText String(string text) =>
        Raw("\""u8).Utf8(JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()).Raw("\""u8);

    private JsonText Utf8(string text)
    {
        Length += Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        return this;
    }

    public byte[] ToArray() => Written.ToArray();

    public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, Length);

    private Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        }
        return _buffer.AsSpan(Length);
    }
}
