using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// Work other threads hand to the market hub's thread, which owns books, streams and subscriptions,
/// so none of them needs a lock. Immutable.
/// </summary>
internal abstract record HubCommand
{
    /// <summary>Discovery found the first ring of <paramref name="Exchange"/>: read it (and every replica that appears).</summary>
    public sealed record AddExchange(string Exchange) : HubCommand;

    public sealed record Connect(ClientConnection Client) : HubCommand;

    public sealed record Disconnect(ClientConnection Client) : HubCommand;

    public sealed record Request(ClientConnection Client, ClientRequest Value) : HubCommand;

    /// <summary>A conflated client drained below half its budget: send the snapshots it is waiting for.</summary>
    public sealed record Drained(ClientConnection Client) : HubCommand;

    /// <summary>Close every client (SIGTERM: 1012 "service restart").</summary>
    public sealed record CloseAll(int Code, string Reason, TimeSpan Timeout) : HubCommand;
}
