using System.Text.Json;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Adapters;

/// <summary>
/// Reads a JSON array of <c>[price, size]</c> pairs (Binance's <c>b</c>/<c>a</c> and REST <c>bids</c>/<c>asks</c>,
/// Coinbase's snapshot) into a <see cref="LevelBatch"/>. Elements after price and size are skipped
/// (Binance's older payloads carried an ignored third one). Stateless; safe from any thread.
/// </summary>
public static class JsonLevels
{
    /// <summary>Reader on the array's <see cref="JsonTokenType.StartArray"/>; leaves it on the matching end. False when any pair is malformed.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, BookSide side, int priceScale, int sizeScale, LevelBatch levels)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            if (reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || !JsonDecimal.TryReadPrice(ref reader, priceScale, out var price)
                || !reader.Read() || !JsonDecimal.TryReadSize(ref reader, sizeScale, out var size)
                || !TrySkipToEndOfPair(ref reader))
            {
                return false;
            }
            levels.Add(side, price, size);
        }
        return false;
    }

    private static bool TrySkipToEndOfPair(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            reader.Skip();
        }
        return false;
    }
}
