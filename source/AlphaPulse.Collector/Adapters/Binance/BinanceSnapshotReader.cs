using System.Text.Json;
using AlphaPulse.Core.Books;

namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>
/// Parses the REST depth snapshot <c>GET /api/v3/depth</c>: <c>{"lastUpdateId":…,"bids":[[p,q],…],"asks":[…]}</c>
/// (Binance Spot "Market Data endpoints", Order book). Stateless; safe from any thread.
/// </summary>
internal static class BinanceSnapshotReader
{
    private const int RequiredFields = 7;

    /// <summary>False when the body is not a complete, valid snapshot.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, int priceScale, int sizeScale, LevelBatch levels, out long lastUpdateId)
    {
        levels.Clear();
        lastUpdateId = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    _ = reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out lastUpdateId) || lastUpdateId < 0)
                    {
                        return false;
                    }
                    seen |= 1;
                }
                else if (reader.ValueTextEquals("bids"u8))
                {
                    _ = reader.Read();
                    if (!JsonLevels.TryRead(ref reader, BookSide.Bid, priceScale, sizeScale, levels))
                    {
                        return false;
                    }
                    seen |= 2;
                }
                else if (reader.ValueTextEquals("asks"u8))
                {
                    _ = reader.Read();
                    if (!JsonLevels.TryRead(ref reader, BookSide.Ask, priceScale, sizeScale, levels))
                    {
                        return false;
                    }
                    seen |= 4;
                }
                else
                {
                    _ = reader.Read();
                    reader.Skip();
                }
            }
            return seen == RequiredFields && reader.TokenType == JsonTokenType.EndObject && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
