using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>Fan-out: one shared message per encoding into every subscriber's queue, and the slow-consumer policy.</summary>
internal sealed partial class MarketHub
{
    /// <summary>Queues the stream's newest message for its subscribers and drops the encoder's references.</summary>
    private void Deliver(MarketStream stream, OutboundMessage? json, OutboundMessage? binary)
    {
        var subscribers = stream.Subscribers;
        for (var i = 0; i < subscribers.Count; i++)
        {
            var subscription = subscribers[i];
            if (subscription.AwaitingSnapshot)
            {
                // Deltas before the snapshot would be applied to a book the client does not have yet.
                continue;
            }

            var client = subscription.Client;
            var message = client.Encoding == WireEncoding.Binary ? binary : json;
            if (message is not null && client.TryEnqueue(message) == EnqueueOutcome.OverBudget)
            {
                OnOverBudget(subscription, message);
            }
        }

        json?.Release();
        binary?.Release();
    }

    /// <summary>
    /// A client's queue is over its byte budget. Close policy: close now. Conflate policy: book deltas
    /// stop and a fresh snapshot follows once it drains (latest book wins); other messages are dropped
    /// (the client sees the sequence gap); a client over budget longer than the grace period is closed.
    /// </summary>
    private void OnOverBudget(Subscription subscription, OutboundMessage message)
    {
        var client = subscription.Client;
        if (settings.SlowConsumerPolicy == SlowConsumerPolicy.Close)
        {
            CloseSlowConsumer(client);
            return;
        }

        var now = Environment.TickCount64;
        var state = subscription.Owner;
        if (state.OverBudgetSinceMs == 0)
        {
            // A new episode: it ends when the queue drains (OnDrained), whatever the client receives.
            state.OverBudgetSinceMs = now;
            client.NotifyWhenDrained();
        }
        else if (now - state.OverBudgetSinceMs > settings.SlowConsumerGrace.TotalMilliseconds)
        {
            CloseSlowConsumer(client);
            return;
        }

        if (message.IsConflatable)
        {
            subscription.AwaitingSnapshot = true;
            client.NotifyWhenDrained();
            ServerMetrics.Conflations.Inc();
        }
        else
        {
            ServerMetrics.Dropped.Inc();
        }
    }

    private void CloseSlowConsumer(ClientConnection client)
    {
        if (client.RequestClose(WebSocketCloseStatus.PolicyViolation, CloseReasons.SlowConsumerReason, flush: false))
        {
            ServerMetrics.SlowConsumerCloses.Inc();
            ServerLog.ClosingClient(logger, client.Id, (int)WebSocketCloseStatus.PolicyViolation, CloseReasons.SlowConsumerReason);
        }
    }
}
