using System.Net.WebSockets;
using AlphaPulse.Simulator.Faults;
using AlphaPulse.Simulator.Feed;
using AlphaPulse.Simulator.Market;

namespace AlphaPulse.Simulator.Exchanges.Coinbase;

/// <summary>
/// A Coinbase Exchange WebSocket feed connection: <c>subscribe</c> / <c>unsubscribe</c> answered with the
/// full <c>subscriptions</c> list, then per product a <c>snapshot</c> and <c>l2update</c>s (level2,
/// level2_batch), <c>last_match</c> and <c>match</c>es (matches) and a heartbeat a second (heartbeat).
/// A client that has not subscribed within 5 seconds is disconnected, as Coinbase does. Subscriptions change
/// on the receive loop; each product's state lives on the send loop, started by a marker queued behind the
/// events already delivered, so snapshots and history join the stream without a gap or an overlap.
/// </summary>
internal sealed class CoinbaseConnection(
    WebSocket socket, FrameWriter frames, IExchange exchange, VenueServices services, bool updateIds, FaultInjector injector, ILogger logger)
    : VenueConnection(socket, frames, exchange, injector, services.Board, services.Settings.QueueLimit, logger)
{
    /// <summary>"You are disconnected if no subscribe has been received within 5 seconds" (WebSocket overview).</summary>
    private const int SubscribeDeadlineSeconds = 5;

    private const string Level2AuthenticationRequired = "level2, level3, and full channels now require authentication.";

    private readonly Lock _gate = new();
    private readonly List<(string Name, List<Instrument> Products)> _channels = [];
    private readonly Dictionary<Instrument, CoinbaseProduct> _products = [];
    private readonly JsonText _marker = new(64 * 1024);
    private volatile bool _subscribed;

    protected override async Task BackgroundAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var seconds = 1; await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false); seconds++)
        {
            if (!_subscribed && seconds >= SubscribeDeadlineSeconds)
            {
                Close();
                return;
            }
            lock (_gate)
            {
                foreach (var product in ProductsOf(CoinbaseChannels.Heartbeat))
                {
                    Post(new Heartbeat(product));
                }
            }
        }
    }

    /// <summary>Coinbase's gap and corrupt act on sequenced messages only: a dropped match skips a trade id, a corrupt one repeats a sequence.</summary>
    protected override bool AcceptsFault(FaultKind kind, MarketEvent marketEvent) =>
        kind is not (FaultKind.Gap or FaultKind.Corrupt) || marketEvent is Trade;

    protected override bool Prepare(MarketEvent marketEvent, string stream)
    {
        if (!_products.TryGetValue(marketEvent.Instrument, out var product))
        {
            return false;
        }
        product.Sequence = Math.Max(product.Sequence, marketEvent.Sequence);
        switch (marketEvent)
        {
            case Trade trade when trade.Sequence > product.TradeCutoff:
                product.LastTradeId = trade.TradeId;
                if ((product.Channels & CoinbaseChannels.Matches) == 0)
                {
                    return false;
                }
                product.PreviousMatchSequence = product.LastMatchSequence;
                product.LastMatchSequence = trade.Sequence;
                return true;
            case BookUpdate update:
                return (product.Channels & CoinbaseChannels.Book) != 0 && update.Sequence > product.BookSequence;
            default:
                return false;
        }
    }

    protected override void Encode(JsonText text, MarketEvent marketEvent, string stream, bool corrupt)
    {
        if (marketEvent is BookUpdate update)
        {
            CoinbaseEncoder.Update(text, update, updateIds);
            return;
        }
        var product = _products[marketEvent.Instrument];
        // A corrupt match repeats the previous match's sequence: the sequence stops increasing.
        CoinbaseEncoder.Match(text, (Trade)marketEvent, corrupt ? product.PreviousMatchSequence : product.LastMatchSequence);
    }

    protected override void WriteMarker(object marker)
    {
        switch (marker)
        {
            case Heartbeat { Instrument: var instrument } when _products.TryGetValue(instrument, out var product):
                _marker.Clear();
                CoinbaseEncoder.Heartbeat(_marker, instrument, product.Sequence, product.LastTradeId, services.NowMs);
                Send(_marker);
                break;
            case ProductChannels change:
                Change(change.Instrument, change.Channels);
                break;
            default:
                break;
        }
    }

    protected override void HandleRequest(ReadOnlySpan<byte> request)
    {
        var parsed = CoinbaseRequest.Parse(request, out var message, out var reason);
        if (parsed is null)
        {
            ReplyError(message, reason);
            return;
        }
        var changes = new List<(string Name, CoinbaseChannels Channel, Instrument Product)>();
        foreach (var (name, products) in parsed.Channels)
        {
            var channel = CoinbaseChannelNames.Parse(name);
            if (channel == CoinbaseChannels.None)
            {
                ReplyError("Failed to subscribe", $"{name} is not a valid channel");
                return;
            }
            if (channel == CoinbaseChannels.Level2 && parsed.Type == "subscribe" && !parsed.Authenticated)
            {
                ReplyError("Failed to subscribe", Level2AuthenticationRequired);
                return;
            }
            foreach (var productId in products)
            {
                var instrument = services.InstrumentsOf(Exchange.Name).FirstOrDefault(i => CoinbaseEncoder.ProductId(i) == productId);
                if (instrument is null)
                {
                    // Coinbase refuses the unknown product and subscribes the rest.
                    ReplyError("Failed to subscribe", $"{productId} is not a valid product");
                    continue;
                }
                changes.Add((name, channel, instrument));
            }
        }
        Apply(parsed.Type == "subscribe", changes);
    }

    protected override void OnClosed()
    {
        lock (_gate)
        {
            foreach (var product in _channels.SelectMany(c => c.Products).Distinct().ToList())
            {
                Unwatch(product);
            }
            _channels.Clear();
        }
    }

    private void Apply(bool subscribe, List<(string Name, CoinbaseChannels Channel, Instrument Product)> changes)
    {
        lock (_gate)
        {
            var before = changes.Select(c => c.Product).Distinct().ToDictionary(p => p, ChannelsOf);
            foreach (var (name, _, product) in changes)
            {
                var index = _channels.FindIndex(c => c.Name == name);
                if (subscribe && index < 0)
                {
                    _channels.Add((name, []));
                    index = _channels.Count - 1;
                }
                var products = index < 0 ? null : _channels[index].Products;
                if (subscribe && !products!.Contains(product))
                {
                    products.Add(product);
                }
                else if (!subscribe)
                {
                    products?.Remove(product);
                }
            }
            _subscribed |= subscribe;
            var reply = new JsonText();
            CoinbaseEncoder.Subscriptions(reply, _channels);
            Reply(reply.ToString());
            foreach (var (product, previous) in before)
            {
                var now = ChannelsOf(product);
                if (previous == CoinbaseChannels.None && now != CoinbaseChannels.None)
                {
                    Watch(product);
                }
                else if (previous != CoinbaseChannels.None && now == CoinbaseChannels.None)
                {
                    Unwatch(product);
                }
                Post(new ProductChannels(product, now));
            }
        }
    }

    /// <summary>On the send loop: start, change or end one product's streams, sending its snapshot and last match when they begin.</summary>
    private void Change(Instrument instrument, CoinbaseChannels channels)
    {
        if (channels == CoinbaseChannels.None)
        {
            _products.Remove(instrument);
            return;
        }
        if (!_products.TryGetValue(instrument, out var product))
        {
            var latest = services.Recent.Latest(instrument);
            var last = latest.Length == 0 ? null : latest[^1];
            product = new CoinbaseProduct(last?.Sequence ?? 0, last?.TradeId ?? 0, last?.Sequence ?? 0);
            _products[instrument] = product;
            if ((channels & CoinbaseChannels.Matches) != 0 && last is not null)
            {
                Write(t => CoinbaseEncoder.Match(t, last, last.Sequence, last: true));
            }
        }
        else if ((channels & ~product.Channels & CoinbaseChannels.Matches) != 0
            && Array.Find(services.Recent.Latest(instrument), t => t.TradeId == product.LastTradeId) is { } recent)
        {
            // The latest trade this connection has passed, so the matches that follow continue from it.
            Write(t => CoinbaseEncoder.Match(t, recent, recent.Sequence, last: true));
        }
        if ((channels & CoinbaseChannels.Book) != 0 && (product.Channels & CoinbaseChannels.Book) == 0)
        {
            var book = services.Registry.Find(instrument)!.Capture();
            product.BookSequence = book.Sequence;
            Write(t => CoinbaseEncoder.Snapshot(t, book, updateIds));
        }
        product.Channels = channels;
    }

    private CoinbaseChannels ChannelsOf(Instrument product)
    {
        var channels = CoinbaseChannels.None;
        foreach (var (name, products) in _channels)
        {
            if (products.Contains(product))
            {
                channels |= CoinbaseChannelNames.Parse(name);
            }
        }
        return channels;
    }

    private IEnumerable<Instrument> ProductsOf(CoinbaseChannels channel) =>
        _channels.Where(c => CoinbaseChannelNames.Parse(c.Name) == channel).SelectMany(c => c.Products);

    /// <summary>Every stream of a product, whatever its channels: the heartbeat reports the latest sequence and trade id of both.</summary>
    private void Watch(Instrument product)
    {
        services.Hub.Subscribe(product, StreamKind.Depth, this, "level2");
        services.Hub.Subscribe(product, StreamKind.Trade, this, "matches");
    }

    private void Unwatch(Instrument product)
    {
        services.Hub.Unsubscribe(product, StreamKind.Depth, this, "level2");
        services.Hub.Unsubscribe(product, StreamKind.Trade, this, "matches");
    }

    private void ReplyError(string message, string reason)
    {
        var text = new JsonText();
        CoinbaseEncoder.Error(text, message, reason);
        Reply(text.ToString());
    }

    private void Write(Action<JsonText> write)
    {
        _marker.Clear();
        write(_marker);
        Send(_marker);
    }

    private sealed record Heartbeat(Instrument Instrument);

    private sealed record ProductChannels(Instrument Instrument, CoinbaseChannels Channels);
}
