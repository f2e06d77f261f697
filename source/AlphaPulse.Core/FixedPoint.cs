using System.Runtime.CompilerServices;

namespace AlphaPulse.Core;

/// <summary>
/// 64-bit fixed-point numbers: a value v at scale s means v / 10^s. Stateless; safe from any thread.
/// Conversion is exact and never goes through floating point: collectors parse the exchanges'
/// decimal strings straight from UTF-8 (e.g. Coinbase's <c>"price":"67012.34"</c>), and text that
/// the scale cannot represent exactly is refused rather than rounded.
/// </summary>
public static class FixedPoint
{
    /// <summary>Largest scale: 10^18 is the largest power of ten a long holds.</summary>
    public const int MaxScale = 18;

    /// <summary>Longest text <see cref="TryFormat"/> writes: sign, 19 digits, point, leading zero.</summary>
    public const int MaxFormattedLength = 22;

    private const ulong PositiveLimit = long.MaxValue;
    private const ulong NegativeLimit = 1UL << 63;
    private const int MaxExponent = 400;

    private static ReadOnlySpan<ulong> Powers =>
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL,
        1_000_000_000UL, 10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL,
        100_000_000_000_000UL, 1_000_000_000_000_000UL, 10_000_000_000_000_000UL,
        100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL, 10_000_000_000_000_000_000UL,
    ];

    /// <summary>10^scale for a scale in [0, 18].</summary>
    public static long Scale(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)scale, (uint)MaxScale, nameof(scale));
        return (long)Powers[scale];
    }

    /// <summary>
    /// Parses decimal text (<c>-12.3400</c>, <c>+5</c>, <c>.5</c>, <c>1.5e-3</c>) at <paramref name="scale"/>.
    /// False when the text is malformed, out of range, or has non-zero digits beyond the scale.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)scale, (uint)MaxScale, nameof(scale));
        value = 0;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        var limit = negative ? NegativeLimit : PositiveLimit;
        ulong mantissa = 0;
        var fractionDigits = 0;
        var pendingZeros = 0;
        var anyDigit = false;
        var point = false;
        var exponent = 0;
        for (; i < utf8.Length; i++)
        {
            var c = utf8[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                anyDigit = true;
                if (point && digit == 0)
                {
                    // Trailing fraction zeros change nothing; apply them only if a non-zero digit follows.
                    pendingZeros++;
                    continue;
                }

                if (point)
                {
                    fractionDigits += pendingZeros + 1;
                }

                if (!TryMultiplyAdd(ref mantissa, pendingZeros + 1, digit, limit))
                {
                    return false;
                }

                pendingZeros = 0;
            }
            else if (c == (byte)'.' && !point)
            {
                point = true;
            }
            else if ((c == (byte)'e' || c == (byte)'E') && anyDigit)
            {
                if (!TryParseExponent(utf8[(i + 1)..], out exponent))
                {
                    return false;
                }

                break;
            }
            else
            {
                return false;
            }
        }

        if (!anyDigit || !TryShift(ref mantissa, scale - fractionDigits + exponent, limit))
        {
            return false;
        }

        value = negative ? unchecked((long)(0UL - mantissa)) : (long)mantissa;
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/> and throws <see cref="FormatException"/> on refusal.</summary>
    public static long Parse(ReadOnlySpan<byte> utf8, int scale) =>
        TryParse(utf8, scale, out var value) ? value : ThrowFormat(utf8.Length, scale);

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="scale"/> as decimal text with exactly
    /// <paramref name="scale"/> fraction digits (<c>67012.34000000</c>). False when the destination is too short.
    /// </summary>
    public static bool TryFormat(long value, int scale, Span<byte> utf8, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)scale, (uint)MaxScale, nameof(scale));
        var magnitude = value < 0 ? 0UL - unchecked((ulong)value) : (ulong)value;
        var digits = CountDigits(magnitude);
        var integerDigits = Math.Max(digits - scale, 1);
        var length = (value < 0 ? 1 : 0) + integerDigits + (scale > 0 ? scale + 1 : 0);
        if (length > utf8.Length)
        {
            bytesWritten = 0;
            return false;
        }

        var position = length;
        for (var written = 0; written < scale; written++)
        {
            utf8[--position] = (byte)('0' + (magnitude % 10));
            magnitude /= 10;
        }

        if (scale > 0)
        {
            utf8[--position] = (byte)'.';
        }

        do
        {
            utf8[--position] = (byte)('0' + (magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        if (value < 0)
        {
            utf8[--position] = (byte)'-';
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Decimal text of a fixed-point value; allocates, so not for per-message paths.</summary>
    public static string ToString(long value, int scale)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        TryFormat(value, scale, buffer, out var written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryMultiplyAdd(ref ulong mantissa, int digitsToShift, uint digit, ulong limit)
    {
        for (var k = 0; k < digitsToShift; k++)
        {
            if (mantissa > limit / 10)
            {
                return false;
            }

            mantissa *= 10;
        }

        if (mantissa > limit - digit)
        {
            return false;
        }

        mantissa += digit;
        return true;
    }

    private static bool TryShift(ref ulong mantissa, int shift, ulong limit)
    {
        if (mantissa == 0)
        {
            return true;
        }

        if (shift >= 0)
        {
            if (shift >= Powers.Length || mantissa > limit / Powers[shift])
            {
                return false;
            }

            mantissa *= Powers[shift];
            return true;
        }

        // Digits beyond the scale are only acceptable when they are all zero (mantissa < 10^19 always).
        if (-shift >= Powers.Length || mantissa % Powers[-shift] != 0)
        {
            return false;
        }

        mantissa /= Powers[-shift];
        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> utf8, out int exponent)
    {
        exponent = 0;
        var i = 0;
        var negative = false;
        if (utf8.Length > 0 && (utf8[0] == (byte)'-' || utf8[0] == (byte)'+'))
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        if (i == utf8.Length)
        {
            return false;
        }

        for (; i < utf8.Length; i++)
        {
            var digit = (uint)(utf8[i] - '0');
            if (digit > 9 || exponent > MaxExponent)
            {
                return false;
            }

            exponent = (exponent * 10) + (int)digit;
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static int CountDigits(ulong value)
    {
        var digits = 1;
        while (digits < Powers.Length && value >= Powers[digits])
        {
            digits++;
        }

        return digits;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ThrowFormat(int length, int scale) =>
        throw new FormatException($"fixed-point text must be a decimal number exact at the scale: length={length}, scale={scale} (raise the instrument's scale or fix the input)");
}
