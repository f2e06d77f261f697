using System.Text.Json;
using AlphaPulse.Core.Checksums;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>
/// A client of Kraken's book channel written from the "Book checksum (WebSocket v2)" guide alone: apply
/// every level in wire order, truncate to the subscribed depth after each message, then compare the CRC-32
/// of the top 10 (numbers taken as their raw JSON text) with the message's checksum.
/// </summary>
internal sealed class KrakenReferenceBook(int depth)
{
    public LevelBook Book { get; } = new();

    public long UpdateId { get; private set; }

    /// <summary>Applies a book message; returns whether its checksum matched the book it produced.</summary>
    public bool Apply(JsonElement message)
    {
        var data = message.GetProperty("data")[0];
        if (message.GetProperty("type").GetString() == "snapshot")
        {
            Book.Clear();
        }
        foreach (var level in data.GetProperty("bids").EnumerateArray())
        {
            Book.Set(true, level.GetProperty("price").GetRawText(), level.GetProperty("qty").GetRawText());
        }
        foreach (var level in data.GetProperty("asks").EnumerateArray())
        {
            Book.Set(false, level.GetProperty("price").GetRawText(), level.GetProperty("qty").GetRawText());
        }
        Book.Truncate(depth);
        if (data.TryGetProperty("sim_update_id", out var id))
        {
            UpdateId = id.GetInt64();
        }
        return KrakenChecksum.Compute(Book.Asks, Book.Bids) == data.GetProperty("checksum").GetUInt32();
    }

    public static (string, string)[] LevelsOf(JsonElement levels) =>
        levels.EnumerateArray().Select(l => (l.GetProperty("price").GetRawText(), l.GetProperty("qty").GetRawText())).ToArray();
}
