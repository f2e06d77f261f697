using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One client's side of the <see cref="SubscriptionRegistry"/>: the patterns it subscribed to (wildcards
/// included), the streams those match (one subscription per stream however many patterns match it), the
/// stream ids already announced to it, and its over-budget episode. Hub thread only; the connection's
/// send side never sees it.
/// </summary>
internal sealed class ClientSubscriptions(ClientConnection client)
{
    public ClientConnection Client { get; } = client;

    public List<SubscriptionPattern> Patterns { get; } = [];

    public Dictionary<MarketStream, Subscription> Streams { get; } = [];

    /// <summary>Stream ids announced to a binary client (a "stream" message precedes a stream's first frame); null until the first, and for JSON clients.</summary>
    public HashSet<int>? Announced { get; set; }

    /// <summary>Tick (ms) the client first went over budget in this episode; 0 when within budget.</summary>
    public long OverBudgetSinceMs { get; set; }
}
