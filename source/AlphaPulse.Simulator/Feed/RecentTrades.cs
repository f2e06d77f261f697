using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Feed;

/// <summary>
/// The last trades of every instrument, for the venues that start a trade subscription with history:
/// Kraken's trade snapshot (the last 50 trades) and Coinbase's <c>last_match</c>. Subscribed to the hub
/// before any connection, so a trade is here before any connection receives it; a connection that takes
/// the latest trades here then sends exactly those of its queued trades with a higher sequence.
/// Threading: written on the feed thread, read by connections' send loops, under one lock.
/// </summary>
internal sealed class RecentTrades : IFeedSubscriber
{
    /// <summary>Kraken's trade snapshot holds the last 50 trades.</summary>
    public const int Capacity = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Queue<Trade>> _trades = [];

    public RecentTrades(MarketRegistry registry, FeedHub hub)
    {
        foreach (var model in registry.Models)
        {
            _trades[model.Instrument] = new Queue<Trade>(Capacity + 1);
            hub.Subscribe(model.Instrument, StreamKind.Trade, this, "recent-trades");
        }
    }

    public void Deliver(MarketEvent marketEvent, string stream)
    {
        lock (_gate)
        {
            var queue = _trades[marketEvent.Instrument];
            queue.Enqueue((Trade)marketEvent);
            if (queue.Count > Capacity)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>The latest trades, oldest first (empty before the first trade).</summary>
    public Trade[] Latest(Instrument instrument)
    {
        lock (_gate)
        {
            return _trades.TryGetValue(instrument, out var queue) ? [.. queue] : [];
        }
    }
}
