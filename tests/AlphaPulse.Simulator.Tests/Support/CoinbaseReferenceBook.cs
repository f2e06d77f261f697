using System.Text.Json;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>A client of Coinbase's level2 channel: the snapshot, then each l2update's absolute sizes ("0" removes).</summary>
internal sealed class CoinbaseReferenceBook
{
    public LevelBook Book { get; } = new();

    public long UpdateId { get; private set; }

    public void Apply(JsonElement message)
    {
        switch (message.GetProperty("type").GetString())
        {
            case "snapshot":
                Book.Clear();
                foreach (var level in message.GetProperty("bids").EnumerateArray())
                {
                    Book.Set(true, level[0].GetString()!, level[1].GetString()!);
                }
                foreach (var level in message.GetProperty("asks").EnumerateArray())
                {
                    Book.Set(false, level[0].GetString()!, level[1].GetString()!);
                }
                break;
            case "l2update":
                foreach (var change in message.GetProperty("changes").EnumerateArray())
                {
                    Book.Set(change[0].GetString() == "buy", change[1].GetString()!, change[2].GetString()!);
                }
                break;
            default:
                return;
        }
        UpdateId = message.GetProperty("sim_update_id").GetInt64();
    }

    public static (string, string)[] LevelsOf(JsonElement levels) =>
        levels.EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetString()!)).ToArray();
}
