using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Kraken;

/// <summary>
/// A Kraken Spot WebSocket v2 connection: a status message on connect, <c>subscribe</c> / <c>unsubscribe</c>
/// for the <c>book</c> and <c>trade</c> channels (one acknowledgement per symbol, then the snapshot),
/// <c>ping</c> answered with <c>pong</c>, and a heartbeat every second once anything is subscribed.
/// Subscriptions change on the receive loop; each book's <see cref="KrakenBookView"/> lives on the send loop,
/// started by a marker queued behind the events already delivered, so the snapshot and the updates after it
/// join without a gap or an overlap.
/// </summary>
internal sealed class KrakenConnection(
    WebSocket socket, FrameWriter frames, IExchange exchange, VenueServices services, bool updateIds, FaultInjector injector, ILogger logger)
    : VenueConnection(socket, frames, exchange, injector, services.Board, services.Settings.QueueLimit, logger)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, Instrument Instrument), KrakenSubscription> _subscriptions = [];
    private readonly Dictionary<Instrument, KrakenBookView> _books = [];
    private readonly Dictionary<Instrument, long> _tradeCutoffs = [];
    private readonly JsonText _marker = new(64 * 1024);
    private KrakenBookView? _prepared;

    /// <summary>Kraken's connection ids are unsigned 64-bit and often above long.MaxValue; this one always is.</summary>
    public ulong ConnectionId { get; } = new DeterministicRandom((ulong)Environment.TickCount64 ^ 0x5EED).NextUInt64() | (1UL << 63);

    protected override void OnOpened()
    {
        var text = new JsonText();
        KrakenEncoder.Status(text, ConnectionId);
        Reply(text.ToString());
    }

    protected override async Task BackgroundAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            bool any;
            lock (_gate)
            {
                any = _subscriptions.Count > 0;
            }
            if (any)
            {
                Post(Marker.Heartbeat);
            }
        }
    }

    protected override bool Prepare(MarketEvent marketEvent, string stream)
    {
        switch (marketEvent)
        {
            case BookUpdate update when _books.TryGetValue(update.Instrument, out var view):
                _prepared = view;
                return view.Apply(update);
            case Trade trade when _tradeCutoffs.TryGetValue(trade.Instrument, out var cutoff):
                return trade.Sequence > cutoff;
            default:
                // Delivered before this subscription's snapshot marker: already covered by it.
                return false;
        }
    }

    protected override void Encode(JsonText text, MarketEvent marketEvent, string stream, bool corrupt)
    {
        if (marketEvent is Trade trade)
        {
            KrakenEncoder.Trades(text, "update", [trade]);
            return;
        }
        KrakenEncoder.BookUpdate(text, _prepared!, marketEvent.TimeMs, corrupt, updateIds);
    }

    protected override void WriteMarker(object marker)
    {
        switch (marker)
        {
            case Marker m when m == Marker.Heartbeat:
                Send(static t => KrakenEncoder.Heartbeat(t));
                break;
            case Acknowledge { Subscribe: true } ack:
                Send(t => KrakenEncoder.Ack(t, "subscribe", ack.RequestId, ack.Subscription, ack.TimeInMs, Now));
                Start(ack.Subscription);
                break;
            case Acknowledge ack:
                _books.Remove(ack.Subscription.Instrument, out var removed);
                if (ack.Subscription.Channel == KrakenSubscription.Trade)
                {
                    _tradeCutoffs.Remove(ack.Subscription.Instrument);
                }
                Send(t => KrakenEncoder.Ack(t, "unsubscribe", ack.RequestId, ack.Subscription, ack.TimeInMs, Now));
                break;
            default:
                break;
        }
    }

    protected override void HandleRequest(ReadOnlySpan<byte> request)
    {
        var timeIn = Now;
        var parsed = KrakenRequest.Parse(request, out var error, out var method, out var requestId);
        if (parsed is null)
        {
            ReplyError(error, method, requestId, null, timeIn);
            return;
        }
        switch (parsed.Method)
        {
            case "ping":
                var pong = new JsonText();
                KrakenEncoder.Pong(pong, parsed.RequestId, timeIn, Now);
                Reply(pong.ToString());
                break;
            case "subscribe" or "unsubscribe":
                Subscriptions(parsed, timeIn);
                break;
            default:
                ReplyError("Method not supported", parsed.Method, parsed.RequestId, null, timeIn);
                break;
        }
    }

    protected override void OnClosed()
    {
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                services.Hub.Unsubscribe(subscription.Instrument, KindOf(subscription.Channel), this, subscription.Channel);
            }
            _subscriptions.Clear();
        }
    }

    private void Subscriptions(KrakenRequest request, long timeIn)
    {
        var subscribe = request.Method == "subscribe";
        if (request.Channel is not (KrakenSubscription.Book or KrakenSubscription.Trade))
        {
            ReplyError(request.Channel is null ? "Missing field: 'channel'" : $"Channel {request.Channel} not supported by the simulator (book, trade)",
                request.Method, request.RequestId, null, timeIn);
            return;
        }
        if (request.Symbols.Count == 0)
        {
            ReplyError("Missing field: 'symbol'", request.Method, request.RequestId, null, timeIn);
            return;
        }
        var depth = request.Depth ?? KrakenSubscription.DefaultDepth;
        if (request.Channel == KrakenSubscription.Book && Array.IndexOf(KrakenSubscription.Depths, depth) < 0)
        {
            ReplyError("Subscription depth not supported", request.Method, request.RequestId, null, timeIn);
            return;
        }
        var snapshot = request.Snapshot ?? request.Channel == KrakenSubscription.Book;
        foreach (var symbol in request.Symbols)
        {
            var instrument = services.InstrumentsOf(Exchange.Name).FirstOrDefault(i => KrakenEncoder.Symbol(i) == symbol);
            if (instrument is null)
            {
                ReplyError("Currency pair not supported", request.Method, request.RequestId, symbol, timeIn);
                continue;
            }
            var subscription = new KrakenSubscription(request.Channel, instrument, depth, snapshot);
            var error = subscribe ? Add(subscription, request.RequestId, timeIn) : Remove(subscription, request.RequestId, timeIn);
            if (error is not null)
            {
                ReplyError(error, request.Method, request.RequestId, symbol, timeIn);
            }
        }
    }

    private string? Add(KrakenSubscription subscription, long? requestId, long timeIn)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryAdd((subscription.Channel, subscription.Instrument), subscription))
            {
                return "Already subscribed";
            }
            // Subscribed before the marker is queued: every event after the marker's snapshot is delivered.
            services.Hub.Subscribe(subscription.Instrument, KindOf(subscription.Channel), this, subscription.Channel);
            Post(new Acknowledge(true, subscription, requestId, timeIn));
        }
        return null;
    }

    private string? Remove(KrakenSubscription subscription, long? requestId, long timeIn)
    {
        lock (_gate)
        {
            if (!_subscriptions.Remove((subscription.Channel, subscription.Instrument), out var existing))
            {
                return "Subscription Not Found";
            }
            services.Hub.Unsubscribe(existing.Instrument, KindOf(existing.Channel), this, existing.Channel);
            Post(new Acknowledge(false, existing, requestId, timeIn));
        }
        return null;
    }

    /// <summary>On the send loop, right after the acknowledgement: the snapshot, and the point the updates continue from.</summary>
    private void Start(KrakenSubscription subscription)
    {
        var instrument = subscription.Instrument;
        if (subscription.Channel == KrakenSubscription.Book)
        {
            var view = new KrakenBookView(services.Registry.Find(instrument)!.Capture(), subscription.Depth);
            _books[instrument] = view;
            if (subscription.Snapshot)
            {
                Send(t => KrakenEncoder.BookSnapshot(t, view, Now, updateIds));
            }
            return;
        }
        var latest = services.Recent.Latest(instrument);
        _tradeCutoffs[instrument] = latest.Length == 0 ? 0 : latest[^1].Sequence;
        if (subscription.Snapshot)
        {
            Send(t => KrakenEncoder.Trades(t, "snapshot", latest));
        }
    }

    private void ReplyError(string error, string? method, long? requestId, string? symbol, long timeIn)
    {
        var text = new JsonText();
        KrakenEncoder.Error(text, error, method, requestId, symbol, timeIn, Now);
        Reply(text.ToString());
    }

    private void Send(Action<JsonText> write)
    {
        _marker.Clear();
        write(_marker);
        Send(_marker);
    }

    private long Now => services.NowMs;

    private static StreamKind KindOf(string channel) => channel == KrakenSubscription.Book ? StreamKind.Depth : StreamKind.Trade;

    private sealed record Marker
    {
        public static readonly Marker Heartbeat = new();
    }

    private sealed record Acknowledge(bool Subscribe, KrakenSubscription Subscription, long? RequestId, long TimeInMs);
}
