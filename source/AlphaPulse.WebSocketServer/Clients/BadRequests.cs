using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>
/// <c>MAX_BAD_MESSAGES</c>: every refused request counts, whether the receive loop refused it
/// (malformed, unknown op or channel, unsupported depth) or the hub did (unknown exchange or symbol,
/// not subscribed). Reaching the limit sends a last error and closes with 1008. Stateless; any thread.
/// </summary>
internal static class BadRequests
{
    public static void Count(ClientConnection client, int limit)
    {
        var bad = client.CountBadRequest();
        if (bad != limit)
        {
            return;
        }

        ServerMetrics.ClientErrors.WithLabels(ErrorCode.TooManyBadMessages).Inc();
        var error = ControlMessages.Error(ErrorCode.TooManyBadMessages, $"a client may send at most {limit - 1} bad requests: sent {bad} (fix the client's requests)", id: null);
        client.TryEnqueueControl(error);
        error.Release();
        client.RequestClose(WebSocketCloseStatus.PolicyViolation, CloseReasons.BadMessagesReason, flush: true);
    }
}
