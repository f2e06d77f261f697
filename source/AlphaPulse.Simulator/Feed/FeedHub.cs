using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Feed;

/// <summary>Which of an instrument's event streams a subscriber wants.</summary>
internal enum StreamKind
{
    Depth,
    Trade,
}

/// <summary>Receives events on the feed thread; must not block (queue and return).</summary>
internal interface IFeedSubscriber
{
    void Deliver(MarketEvent marketEvent, string stream);
}

/// <summary>
/// Fan-out from the feed thread to connections. Threading: one publisher (the feed thread) reads
/// immutable subscriber arrays without locking; subscribe and unsubscribe (any thread) swap in a new
/// array under a lock, so a delivery never sees a half-updated list.
/// </summary>
internal sealed class FeedHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Instrument, StreamKind), Subscription[]> _subscriptions = [];

    // A copy of _subscriptions that the feed thread reads without locks; replaced whole on every change.
    private Dictionary<(Instrument, StreamKind), Subscription[]> _snapshot = [];

    public void Subscribe(Instrument instrument, StreamKind kind, IFeedSubscriber subscriber, string stream) =>
        Update(instrument, kind, list => [.. list, new Subscription(subscriber, stream)]);

    public void Unsubscribe(Instrument instrument, StreamKind kind, IFeedSubscriber subscriber, string stream) =>
        Update(instrument, kind, list => Array.FindAll(list, s => s.Subscriber != subscriber || s.Stream != stream));

    public void Publish(MarketEvent marketEvent)
    {
        var kind = marketEvent is BookUpdate ? StreamKind.Depth : StreamKind.Trade;
        if (!Volatile.Read(ref _snapshot).TryGetValue((marketEvent.Instrument, kind), out var list))
        {
            return;
        }
        foreach (var subscription in list)
        {
            subscription.Subscriber.Deliver(marketEvent, subscription.Stream);
        }
    }

    private void Update(Instrument instrument, StreamKind kind, Func<Subscription[], Subscription[]> change)
    {
        lock (_gate)
        {
            _subscriptions[(instrument, kind)] = change(_subscriptions.GetValueOrDefault((instrument, kind)) ?? []);
            Volatile.Write(ref _snapshot, new Dictionary<(Instrument, StreamKind), Subscription[]>(_subscriptions));
        }
    }

    private sealed record Subscription(IFeedSubscriber Subscriber, string Stream);
}
