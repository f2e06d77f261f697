using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Clients;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>Clients, their patterns and the streams those match; requests answered in arrival order.</summary>
internal sealed partial class MarketHub
{
    private readonly List<MarketStream> _matched = [];

    /// <summary>One delegate for every client's drained notice (not a closure per connection).</summary>
    private Action<ClientConnection>? _postDrained;

    private Action<ExchangeState>? _refresh;

    private void OnConnect(ClientConnection client)
    {
        _registry.Add(client);
        Volatile.Write(ref _clientCount, _registry.ClientCount);
        ServerMetrics.Clients.Set(_registry.ClientCount);
        client.Drained = _postDrained ??= drained => Post(new HubCommand.Drained(drained));
        SendControl(client, ControlMessages.Welcome(client.Id, client.Encoding, settings.HeartbeatInterval, ServerSettings.BookDepths, settings.MaxSubscriptions, settings.MaxMessageBytes));
        if (IsDraining)
        {
            CloseClient(client, CloseReasons.ServiceRestart, CloseReasons.ServiceRestartReason, settings.ShutdownGrace);
        }
    }

    private void OnDisconnect(ClientConnection client)
    {
        if (!_registry.Remove(client))
        {
            return;
        }

        Volatile.Write(ref _clientCount, _registry.ClientCount);
        ServerMetrics.Clients.Set(_registry.ClientCount);
    }

    private void OnRequest(ClientConnection client, ClientRequest request)
    {
        if (!_registry.Contains(client))
        {
            return;
        }

        switch (request.Op)
        {
            case RequestOp.Ping:
                SendControl(client, ControlMessages.Pong(request.Id));
                break;
            case RequestOp.Subscribe:
                Subscribe(client, request.Pattern!, request.Id);
                break;
            case RequestOp.Unsubscribe:
                Unsubscribe(client, request.Pattern!, request.Id);
                break;
            case RequestOp.Resnapshot:
                Resnapshot(client, request.Pattern!, request.Id);
                break;
        }
    }

    private void Subscribe(ClientConnection client, SubscriptionPattern pattern, long? id)
    {
        if (_registry.IsFull(client, pattern))
        {
            SendError(client, ErrorCode.TooManySubscriptions, $"a client holds at most {settings.MaxSubscriptions} subscriptions: held={_registry.PatternCount(client)} (unsubscribe first, or use a wildcard)", id);
            return;
        }

        if (!_directory.IsKnown(pattern, _refresh ??= RefreshInstruments, out var code, out var message))
        {
            SendBadRequestError(client, code, message, id);
            return;
        }

        _directory.Match(pattern, _matched);
        SendControl(client, ControlMessages.Subscribed("subscribed", id, pattern, _matched.Count));
        if (!_registry.AddPattern(client, pattern))
        {
            // Subscribing twice is harmless: acknowledged, nothing doubled.
            return;
        }

        foreach (var stream in _matched)
        {
            Attach(client, stream);
        }
    }

    private void Unsubscribe(ClientConnection client, SubscriptionPattern pattern, long? id)
    {
        if (!_registry.RemovePattern(client, pattern))
        {
            SendBadRequestError(client, ErrorCode.NotSubscribed, $"unsubscribe names a subscription exactly as subscribed: channel={ProtocolNames.Of(pattern.Channel)}, exchange={pattern.Exchange}, symbol={pattern.Symbol}, depth={pattern.Depth} (repeat the subscribe request's fields)", id);
            return;
        }

        _directory.Match(pattern, _matched);
        foreach (var stream in _matched)
        {
            _registry.Detach(client, stream);
        }

        SendControl(client, ControlMessages.Subscribed("unsubscribed", id, pattern, _matched.Count));
    }

    /// <summary>A client that saw a sequence gap asks for the current book again.</summary>
    private void Resnapshot(ClientConnection client, SubscriptionPattern pattern, long? id)
    {
        _directory.Match(pattern, _matched);
        var sent = 0;
        foreach (var stream in _matched)
        {
            if (stream.Channel == StreamChannel.Book && _registry.Find(client, stream) is { } subscription)
            {
                SendSnapshot(subscription);
                sent++;
            }
        }

        if (sent == 0)
        {
            SendBadRequestError(client, ErrorCode.NotSubscribed, $"resnapshot needs a book subscription it matches: exchange={pattern.Exchange}, symbol={pattern.Symbol}, depth={pattern.Depth} (subscribe to the book first)", id);
        }
    }

    private void OnDrained(ClientConnection client)
    {
        if (_registry.Of(client) is not { } state)
        {
            return;
        }

        state.OverBudgetSinceMs = 0;
        foreach (var subscription in state.Streams.Values)
        {
            if (subscription.AwaitingSnapshot)
            {
                SendSnapshot(subscription);
            }
        }
    }

    /// <summary>Loads the tables of rings found while their writers were starting up, and maps what they declare (a symbol published a moment ago is not refused).</summary>
    private void RefreshInstruments(ExchangeState exchange)
    {
        exchange.Feed.RefreshInstruments();
        RemapIfChanged(exchange);
    }

    /// <summary>A stream that did not exist when clients subscribed (a new ring or symbol): wildcard patterns pick it up.</summary>
    private void AttachToNewStream(MarketStream stream)
    {
        foreach (var client in _registry.Clients)
        {
            for (var matching = _registry.MatchingPatterns(client, stream); matching > 0; matching--)
            {
                Attach(client, stream);
            }
        }
    }

    private void Attach(ClientConnection client, MarketStream stream)
    {
        if (stream.Channel == StreamChannel.Book && !stream.HasSubscribers)
        {
            // The view was not kept current while nobody watched it.
            var market = stream.Market!;
            market.View(stream.Depth)!.Reset(market.Book);
        }

        var subscription = _registry.Attach(client, stream, out var started);
        if (!started)
        {
            return;
        }

        if (client.Encoding == WireEncoding.Binary && _registry.Announce(client, stream.Id))
        {
            SendControl(client, ControlMessages.Stream(stream.Describe()));
        }

        if (stream.Channel == StreamChannel.Book)
        {
            SendSnapshot(subscription);
        }
    }

    /// <summary>
    /// The depth view as last published, at the stream's current sequence: the next delta is the
    /// sequence after it, so snapshot then deltas reproduce the book. Until it is queued the
    /// subscription receives no deltas.
    /// </summary>
    private void SendSnapshot(Subscription subscription)
    {
        var stream = subscription.Stream;
        var market = stream.Market!;
        var view = market.View(stream.Depth)!;
        var snapshot = view.Snapshot(subscription.Client.Encoding, _encoder, market.Synced);
        subscription.AwaitingSnapshot = subscription.Client.TryEnqueue(snapshot) != EnqueueOutcome.Enqueued;
        if (subscription.AwaitingSnapshot)
        {
            subscription.Client.NotifyWhenDrained();
        }
    }

    private static void SendControl(ClientConnection client, OutboundMessage message)
    {
        client.TryEnqueueControl(message);
        message.Release();
    }

    private static void SendError(ClientConnection client, string code, string message, long? id)
    {
        ServerMetrics.ClientErrors.WithLabels(code).Inc();
        SendControl(client, ControlMessages.Error(code, message, id));
    }

    /// <summary>A refused request counts toward <c>MAX_BAD_MESSAGES</c> like those the receive loop refuses.</summary>
    private void SendBadRequestError(ClientConnection client, string code, string message, long? id)
    {
        SendError(client, code, message, id);
        BadRequests.Count(client, settings.MaxBadMessages);
    }

    private void CloseClient(ClientConnection client, int code, string reason, TimeSpan timeout)
    {
        if (client.RequestClose((WebSocketCloseStatus)code, reason, flush: false, timeout))
        {
            ServerLog.ClosingClient(logger, client.Id, code, reason);
        }
    }
}
