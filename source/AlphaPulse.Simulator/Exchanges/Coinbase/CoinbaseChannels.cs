namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>The Exchange WebSocket feed channels the simulator serves (docs.cdp.coinbase.com/exchange/websocket-feed/channels).</summary>
[Flags]
internal enum CoinbaseChannels
{
    None = 0,
    /// <summary><c>level2</c>: snapshot then every l2update; requires authentication.</summary>
    Level2 = 1,
    /// <summary><c>level2_batch</c>: the same messages, no authentication (Coinbase batches every 50 ms; the simulator does not).</summary>
    Level2Batch = 2,
    /// <summary><c>matches</c>: <c>last_match</c>, then every <c>match</c>.</summary>
    Matches = 4,
    /// <summary><c>heartbeat</c>: once a second per product.</summary>
    Heartbeat = 8,
    Book = Level2 | Level2Batch,
}

internal static class CoinbaseChannelNames
{
    public static readonly (string Name, CoinbaseChannels Channel)[] All =
    [
        ("level2", CoinbaseChannels.Level2),
        ("level2_batch", CoinbaseChannels.Level2Batch),
        ("matches", CoinbaseChannels.Matches),
        ("heartbeat", CoinbaseChannels.Heartbeat),
    ];

    public static CoinbaseChannels Parse(string name)
    {
        foreach (var (known, channel) in All)
        {
            if (known == name)
            {
                return channel;
            }
        }
        return CoinbaseChannels.None;
    }
}
