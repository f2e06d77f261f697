using System.Buffers.Text;

namespace AlphaPulse.Simulator.Market;

/// <summary>
/// Writes 1e-8 fixed-point integers as plain decimal text ("60000.01000000"). Exchanges send prices and
/// quantities as decimal strings; exponent notation ("1E-05") must never appear, which is why nothing
/// here goes through double or decimal formatting.
/// </summary>
internal static class DecimalText
{
    public const int Decimals = 8;
    public const long Scale = 100_000_000;

    /// <summary>Writes <paramref name="valueE8"/> with exactly <paramref name="decimals"/> fractional digits.</summary>
    /// <returns>Bytes written.</returns>
    public static int Write(Span<byte> destination, long valueE8, int decimals = Decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueE8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, Decimals);
        var whole = valueE8 / Scale;
        var fraction = valueE8 % Scale;
        Utf8Formatter.TryFormat(whole, destination, out var written);
        if (decimals == 0)
        {
            return written;
        }
        destination[written++] = (byte)'.';
        for (var divisor = Scale / 10; decimals-- > 0; divisor /= 10)
        {
            destination[written++] = (byte)('0' + (fraction / divisor % 10));
        }
        return written;
    }

    public static string ToText(long valueE8, int decimals = Decimals)
    {
        Span<byte> buffer = stackalloc byte[32];
        return System.Text.Encoding.ASCII.GetString(buffer[..Write(buffer, valueE8, decimals)]);
    }
}
