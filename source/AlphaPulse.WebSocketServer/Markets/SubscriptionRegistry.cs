using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// Who subscribes to what: each connected client's patterns and the streams (exchange, symbol, channel,
/// depth) they match, kept in step with each stream's subscriber list, and the subscriptions gauge.
/// The one place subscriptions are made or ended. Hub thread only.
/// </summary>
internal sealed class SubscriptionRegistry(int maxPatterns)
{
    private readonly Dictionary<ClientConnection, ClientSubscriptions> _clients = [];

    public int ClientCount => _clients.Count;

    public Dictionary<ClientConnection, ClientSubscriptions>.KeyCollection Clients => _clients.Keys;

    /// <summary>False when the client is registered already.</summary>
    public bool Add(ClientConnection client) => _clients.TryAdd(client, new ClientSubscriptions(client));

    public bool Contains(ClientConnection client) => _clients.ContainsKey(client);

    /// <summary>The client's subscription state; null once it has left.</summary>
    public ClientSubscriptions? Of(ClientConnection client) => _clients.GetValueOrDefault(client);

    /// <summary>The client left: every subscription it held ends. False when it was not registered.</summary>
    public bool Remove(ClientConnection client)
    {
        if (!_clients.Remove(client, out var state))
        {
            return false;
        }

        foreach (var subscription in state.Streams.Values)
        {
            subscription.Stream.Remove(subscription);
        }

        ServerMetrics.Subscriptions.Dec(state.Streams.Count);
        return true;
    }

    public int PatternCount(ClientConnection client) => _clients[client].Patterns.Count;

    /// <summary>True when the pattern would be one more than the client may hold (<c>MAX_SUBSCRIPTIONS</c>); a pattern held already never is.</summary>
    public bool IsFull(ClientConnection client, SubscriptionPattern pattern)
    {
        var patterns = _clients[client].Patterns;
        return patterns.Count >= maxPatterns && !patterns.Contains(pattern);
    }

    /// <summary>False when the client holds the pattern already (subscribing twice doubles nothing). Check <see cref="IsFull"/> first.</summary>
    public bool AddPattern(ClientConnection client, SubscriptionPattern pattern)
    {
        var patterns = _clients[client].Patterns;
        if (patterns.Contains(pattern))
        {
            return false;
        }

        if (patterns.Count >= maxPatterns)
        {
            throw new InvalidOperationException($"a client holds at most {maxPatterns} patterns: held={patterns.Count} (check IsFull before AddPattern)");
        }

        patterns.Add(pattern);
        return true;
    }

    /// <summary>False when the client never subscribed with exactly this pattern.</summary>
    public bool RemovePattern(ClientConnection client, SubscriptionPattern pattern) => _clients[client].Patterns.Remove(pattern);

    /// <summary>How many of the client's patterns match a stream (a stream that appeared after they were made).</summary>
    public int MatchingPatterns(ClientConnection client, MarketStream stream)
    {
        var symbol = stream.Market?.Symbol ?? string.Empty;
        var matching = 0;
        foreach (var pattern in _clients[client].Patterns)
        {
            if (pattern.Channel == stream.Channel && pattern.Depth == stream.Depth && pattern.Matches(stream.Exchange.Name, symbol))
            {
                matching++;
            }
        }

        return matching;
    }

    /// <summary>
    /// One more of the client's patterns matches the stream: the existing subscription counts it, or a new
    /// one starts (<paramref name="started"/>), then on the stream's subscriber list.
    /// </summary>
    public Subscription Attach(ClientConnection client, MarketStream stream, out bool started)
    {
        var state = _clients[client];
        if (state.Streams.TryGetValue(stream, out var existing))
        {
            existing.Patterns++;
            started = false;
            return existing;
        }

        var subscription = new Subscription(state, stream) { Patterns = 1 };
        state.Streams.Add(stream, subscription);
        stream.Add(subscription);
        ServerMetrics.Subscriptions.Inc();
        started = true;
        return subscription;
    }

    /// <summary>One fewer of the client's patterns matches the stream; the subscription ends with the last.</summary>
    public void Detach(ClientConnection client, MarketStream stream)
    {
        var streams = _clients[client].Streams;
        if (streams.TryGetValue(stream, out var subscription) && --subscription.Patterns == 0)
        {
            streams.Remove(stream);
            stream.Remove(subscription);
            ServerMetrics.Subscriptions.Dec();
        }
    }

    public Subscription? Find(ClientConnection client, MarketStream stream) =>
        _clients[client].Streams.GetValueOrDefault(stream);

    public Dictionary<MarketStream, Subscription>.ValueCollection SubscriptionsOf(ClientConnection client) => _clients[client].Streams.Values;

    /// <summary>True the first time a stream id is announced to the client.</summary>
    public bool Announce(ClientConnection client, int streamId)
    {
        var state = _clients[client];
        return (state.Announced ??= []).Add(streamId);
    }
}
