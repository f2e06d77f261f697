using System.Text.Json;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One stream of messages — a channel of one market (or of one exchange, for stats) at one depth —
/// with its subscribers and its sequence number. Every message on the stream is serialised once per
/// encoding in use and shared by all subscribers, so every subscriber sees the same sequence numbers:
/// consecutive within a subscription, and a jump means messages were missed. Subscribers are added and
/// removed by the <see cref="SubscriptionRegistry"/> only. Hub thread only.
/// </summary>
internal sealed class MarketStream(int id, StreamChannel channel, ExchangeState exchange, Market? market, int depth)
{
    private readonly List<Subscription> _subscribers = [];

    public int Id { get; } = id;

    public StreamChannel Channel { get; } = channel;

    public ExchangeState Exchange { get; } = exchange;

    /// <summary>The market; null for an exchange's stats stream.</summary>
    public Market? Market { get; } = market;

    public int Depth { get; } = depth;

    public JsonEncodedText SymbolJson => Market?.SymbolJson ?? default;

    /// <summary>Sequence of the last message sent on the stream (a snapshot carries the current value; the next delta is one more).</summary>
    public long Sequence { get; private set; }

    public IReadOnlyList<Subscription> Subscribers => _subscribers;

    public int JsonSubscribers { get; private set; }

    public int BinarySubscribers { get; private set; }

    public bool HasSubscribers => _subscribers.Count > 0;

    /// <summary>A new message on the stream: its sequence.</summary>
    public long Advance() => ++Sequence;

    /// <summary>What a binary client is told about the stream before its first frame.</summary>
    public StreamDescription Describe() =>
        new(Id, Channel, Exchange.NameJson, SymbolJson, Market?.PriceScale ?? 0, Market?.SizeScale ?? 0, Depth);

    public void Add(Subscription subscription)
    {
        _subscribers.Add(subscription);
        Count(subscription.Client.Encoding, +1);
    }

    public void Remove(Subscription subscription)
    {
        var index = _subscribers.IndexOf(subscription);
        if (index < 0)
        {
            return;
        }

        // Order among subscribers does not matter: swap with the last and drop it, O(1) after the search.
        _subscribers[index] = _subscribers[^1];
        _subscribers.RemoveAt(_subscribers.Count - 1);
        Count(subscription.Client.Encoding, -1);
    }

    private void Count(WireEncoding encoding, int delta)
    {
        if (encoding == WireEncoding.Binary)
        {
            BinarySubscribers += delta;
        }
        else
        {
            JsonSubscribers += delta;
        }
    }
}

/// <summary>One client's membership of one stream. Hub thread only.</summary>
internal sealed class Subscription(ClientSubscriptions owner, MarketStream stream)
{
    /// <summary>The client's subscription state (its patterns, its over-budget episode).</summary>
    public ClientSubscriptions Owner { get; } = owner;

    public ClientConnection Client => Owner.Client;

    public MarketStream Stream { get; } = stream;

    /// <summary>How many of the client's patterns match this stream; the subscription ends at zero.</summary>
    public int Patterns { get; set; }

    /// <summary>A book subscriber that must get a snapshot before any delta (just subscribed, asked for one, or conflated).</summary>
    public bool AwaitingSnapshot { get; set; }
}
