namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>Hands out stream ids, unique within one hub (binary frames carry them). Hub thread only.</summary>
internal sealed class StreamIds
{
    private int _next;

    public int Next() => _next++;
}
