using System.IO.Hashing;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// Kraken's order-book checksum, as its "Book checksum (WebSocket v2)" guide specifies
/// (docs.kraken.com/exchange/guides/websockets/book-checksum-v2): for the top 10 asks, best (lowest)
/// first, then the top 10 bids, best (highest) first, append each level's price and then its quantity
/// as their decimal text with the decimal point removed and leading zeros stripped
/// (<c>"0.00100000"</c> → <c>"100000"</c>); the checksum is the standard CRC-32 of the concatenation,
/// unsigned. Works on the numbers' wire text (a collector passes Utf8JsonReader's raw bytes), because
/// re-formatting a parsed double changes the text and so the checksum. Exponent notation is refused.
/// Not thread-safe: one instance per book.
/// </summary>
public sealed class KrakenChecksum
{
    /// <summary>Levels per side that the checksum covers, whatever the subscribed depth.</summary>
    public const int Levels = 10;

    private readonly Crc32 _crc = new();

    /// <summary>Appends one level: price text, then quantity text, both plain decimals (<c>45285.2</c>, <c>0.00100000</c>).</summary>
    public void AppendLevel(ReadOnlySpan<byte> price, ReadOnlySpan<byte> quantity)
    {
        AppendNumber(price);
        AppendNumber(quantity);
    }

    /// <summary>The checksum of everything appended since the last call; starts afresh afterwards.</summary>
    public uint Complete()
    {
        var value = _crc.GetCurrentHashAsUInt32();
        _crc.Reset();
        return value;
    }

    /// <summary>Convenience over text levels, best first on each side (tests, tools).</summary>
    public static uint Compute(IEnumerable<(string Price, string Quantity)> asks, IEnumerable<(string Price, string Quantity)> bids)
    {
        var checksum = new KrakenChecksum();
        foreach (var (price, quantity) in asks.Take(Levels).Concat(bids.Take(Levels)))
        {
            checksum.AppendLevel(System.Text.Encoding.ASCII.GetBytes(price), System.Text.Encoding.ASCII.GetBytes(quantity));
        }
        return checksum.Complete();
    }

    private void AppendNumber(ReadOnlySpan<byte> text)
    {
        Span<byte> digits = stackalloc byte[text.Length];
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
        _crc.Append(digits[..count]);
    }

    private static void ThrowNotPlainDecimal(ReadOnlySpan<byte> text) =>
        throw new FormatException(
            $"a Kraken checksum number must be plain decimal text: {System.Text.Encoding.UTF8.GetString(text)} (pass the number's raw JSON text; never re-format a double, which may use exponent notation)");
}
