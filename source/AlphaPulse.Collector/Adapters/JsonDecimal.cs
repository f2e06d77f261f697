using System.Runtime.CompilerServices;
using System.Text.Json;
using AlphaPulse.Core;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Reads an exchange's decimal text straight into fixed point, never through double: a JSON string
/// (<c>"0.0024"</c>, Binance and Coinbase) or a JSON number's raw bytes (Kraken v2, whose checksum is
/// over the exact text). Stateless; safe from any thread.
/// </summary>
public static class JsonDecimal
{
    private const int MaxEscapedLength = 64;

    /// <summary>The current token as fixed point at <paramref name="scale"/>; false when it is not an exactly representable decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ref Utf8JsonReader reader, int scale, out long value)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            value = 0;
            return false;
        }
        return reader.ValueIsEscaped || reader.HasValueSequence
            ? TryReadOnEscaped(ref reader, scale, out value)
            : FixedPoint.TryParse(reader.ValueSpan, scale, out value);
    }

    /// <summary>A price: positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadPrice(ref Utf8JsonReader reader, int scale, out long value) =>
        TryRead(ref reader, scale, out value) && value > 0;

    /// <summary>A size or quantity: zero or positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadSize(ref Utf8JsonReader reader, int scale, out long value) =>
        TryRead(ref reader, scale, out value) && value >= 0;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadOnEscaped(ref Utf8JsonReader reader, int scale, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }
        Span<byte> text = stackalloc byte[MaxEscapedLength];
        try
        {
            var length = reader.CopyString(text);
            return FixedPoint.TryParse(text[..length], scale, out value);
        }
        catch (ArgumentException)
        {
            // Longer than any decimal a long holds at any scale.
            return false;
        }
    }
}
