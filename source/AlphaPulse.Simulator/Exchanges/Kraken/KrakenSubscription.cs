using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>One channel for one symbol on one connection, as acknowledged (depth only for the book).</summary>
internal sealed record KrakenSubscription(string Channel, Instrument Instrument, int Depth, bool Snapshot)
{
    public const string Book = "book";
    public const string Trade = "trade";

    /// <summary>The book channel's documented depths; anything else is refused ("Subscription depth not supported").</summary>
    public static readonly int[] Depths = [10, 25, 100, 500, 1000];

    /// <summary>Book depth when the request names none (Kraken's default).</summary>
    public const int DefaultDepth = 10;
}
