using System.Runtime.CompilerServices;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Parses the UTC timestamps Coinbase (<c>"time"</c>) and Kraken v2 (<c>"timestamp"</c>) send —
/// RFC 3339 <c>2023-10-06T17:35:55.440000Z</c>, any number of fraction digits (nanoseconds kept, the rest
/// dropped), <c>Z</c> only — into unix nanoseconds without allocating. Stateless; safe from any thread.
/// </summary>
public static class Rfc3339Time
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>False for anything but <c>YYYY-MM-DDTHH:MM:SS[.fraction]Z</c> from 1970 on.</summary>
    public static bool TryParseUnixNanoseconds(ReadOnlySpan<byte> text, out long unixNanoseconds)
    {
        unixNanoseconds = 0;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || text[16] != ':' || (text[^1] | 0x20) != 'z')
        {
            return false;
        }
        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        long fraction = 0;
        var fractionText = text[19..^1];
        if (fractionText.Length > 0)
        {
            if (fractionText[0] != '.' || fractionText.Length == 1)
            {
                return false;
            }
            var digits = 0;
            foreach (var c in fractionText[1..])
            {
                if (c is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }
                if (digits++ < 9)
                {
                    fraction = (fraction * 10) + (c - '0');
                }
            }
            for (; digits < 9; digits++)
            {
                fraction *= 10;
            }
        }

        var days = DaysFromCivil(year, month, day);
        unixNanoseconds = (((((days * 24) + hour) * 60) + minute) * 60 + second) * NanosecondsPerSecond + fraction;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = year / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return ((long)era * 146097) + dayOfEra - 719468;
    }
}
