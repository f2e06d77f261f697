using System.Buffers.Text;
using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace AlphaPulse.Core.Checksums;

/// <summary>
/// Kraken's order-book checksum, the one implementation the simulator (which sends it) and the collector
/// (which verifies it) share. Not thread-safe: one instance per book or per connection; allocation-free
/// after construction.
/// </summary>
/// <remarks>
/// Kraken's "Book checksum (WebSocket v2)" guide (docs.kraken.com/exchange/guides/websockets/book-checksum-v2):
/// for the top 10 asks, best (lowest) first, then the top 10 bids, best (highest) first, append each level's
/// price and then its quantity as their decimal text with the decimal point removed and leading zeros
/// stripped (<c>"0.00100000"</c> → <c>"100000"</c>); the checksum is the standard CRC-32 of the
/// concatenation, unsigned. Kraken writes "price and qty … onto the wire containing full precision", so
/// the digits are exactly the value as an integer at the wire's decimals: <see cref="AppendLevel(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// takes the wire text (Utf8JsonReader's raw bytes), <see cref="AppendLevel(ulong, ulong)"/> that integer
/// (a collector's fixed-point book re-scaled to the wire decimals). Re-formatting a parsed double changes
/// the text and so the checksum; exponent notation is refused.
/// </remarks>
public sealed class KrakenChecksum
{
    /// <summary>Levels per side that the checksum covers, whatever the subscribed depth.</summary>
    public const int Levels = 10;

    /// <summary>Longest number text accepted (a u64 has 20 digits; a decimal point and leading zeros add some).</summary>
    private const int MaxNumberLength = 64;

    /// <summary>The concatenation is gathered here and hashed once: one CRC call per checksum, not one per number.</summary>
    private const int BufferLength = 2 * Levels * 2 * MaxNumberLength;

    private readonly Crc32 _crc = new();
    private readonly byte[] _buffer = new byte[BufferLength];
    private int _length;

    /// <summary>Appends one level: price text, then quantity text, both plain decimals (<c>45285.2</c>, <c>0.00100000</c>).</summary>
    public void AppendLevel(ReadOnlySpan<byte> price, ReadOnlySpan<byte> quantity)
    {
        AppendNumber(price);
        AppendNumber(quantity);
    }

    /// <summary>Appends one level given as integers at the wire's decimals (<c>45285.2</c> → 452852): the same digits the text gives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendLevel(ulong priceDigits, ulong quantityDigits)
    {
        AppendDigits(priceDigits);
        AppendDigits(quantityDigits);
    }

    /// <summary>The checksum of everything appended since the last call; starts afresh afterwards.</summary>
    public uint Complete()
    {
        _crc.Append(_buffer.AsSpan(0, _length));
        _length = 0;
        var value = _crc.GetCurrentHashAsUInt32();
        _crc.Reset();
        return value;
    }

    /// <summary>Convenience over text levels, best first on each side (tests, tools); allocates.</summary>
    public static uint Compute(IEnumerable<(string Price, string Quantity)> asks, IEnumerable<(string Price, string Quantity)> bids)
    {
        ArgumentNullException.ThrowIfNull(asks);
        ArgumentNullException.ThrowIfNull(bids);
        var checksum = new KrakenChecksum();
        foreach (var (price, quantity) in asks.Take(Levels).Concat(bids.Take(Levels)))
        {
            checksum.AppendLevel(System.Text.Encoding.ASCII.GetBytes(price), System.Text.Encoding.ASCII.GetBytes(quantity));
        }
        return checksum.Complete();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendDigits(ulong value)
    {
        // Zero has no digits once its leading zeros are stripped.
        if (value == 0)
        {
            return;
        }
        _ = Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        _length += written;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes at the end of the buffer, hashing what it holds first when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > BufferLength)
        {
            _crc.Append(_buffer.AsSpan(0, _length));
            _length = 0;
        }
        return _buffer.AsSpan(_length, bytes);
    }

    private void AppendNumber(ReadOnlySpan<byte> text)
    {
        if (text.Length > MaxNumberLength)
        {
            ThrowNotPlainDecimal(text);
        }
        var digits = Reserve(MaxNumberLength);
        var count = 0;
        foreach (var c in text)
        {
            if (c == (byte)'.')
            {
                continue;
            }
            if (c is < (byte)'0' or > (byte)'9')
            {
                ThrowNotPlainDecimal(text);
            }
            if (count > 0 || c != (byte)'0')
            {
                digits[count++] = c;
            }
        }
        _length += count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotPlainDecimal(ReadOnlySpan<byte> text) =>
        throw new FormatException(
            $"a Kraken checksum number must be plain decimal text of at most {MaxNumberLength} bytes: {System.Text.Encoding.UTF8.GetString(text)} (pass the number's raw JSON text; never re-format a double, which may use exponent notation)");
}
