using AlphaPulse.Core;
using AlphaPulse.Core.Replication;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// Merged events of an exchange's replica rings into market-data messages. The books are the merged
/// reader's own (docs/replication.md): the hub publishes their changes, it never rebuilds them.
/// </summary>
internal sealed partial class MarketHub
{
    private int Pump(ExchangeState exchange)
    {
        // The feed reloads tables of rings found mid start-up whenever it is caught up: symbols can
        // appear before any record.
        RemapIfChanged(exchange);
        var feed = exchange.Feed;
        var count = 0;
        while (count < MaxBatch && feed.TryRead(out var merged))
        {
            count++;
            Apply(exchange, merged);
        }

        if (count > 0)
        {
            exchange.LastRecordMs = Environment.TickCount64;
        }

        if (count < MaxBatch && exchange.DirtyMarkets.Count > 0)
        {
            // Caught up: publish books whose writer never flagged a batch end (a batch end since has published them).
            foreach (var market in exchange.DirtyMarkets)
            {
                if (market.Dirty)
                {
                    PublishBook(market, exchange.LastPublishTime);
                }
            }

            exchange.DirtyMarkets.Clear();
        }

        return count;
    }

    private void Apply(ExchangeState exchange, MergedEvent merged)
    {
        var publishTime = merged.PublishTime;
        var latency = MonotonicClock.NowNanoseconds() - publishTime;
        exchange.Records++;
        exchange.Latency.Record(latency);
        if (publishTime >= exchange.Feed.LiveFrom)
        {
            exchange.ShmLatency.Observe(latency / 1e9);
        }
        exchange.LastPublishTime = publishTime;

        // A replica may declare a symbol with the very record that uses it.
        RemapIfChanged(exchange);
        var market = exchange.Lookup(merged.Symbol);
        if (market is null)
        {
            return;
        }

        switch (merged.Kind)
        {
            case MergedEventKind.Trade:
                var trade = merged.Trade;
                market.LastPrice = trade.Price;
                market.LastSize = trade.Size;
                if (publishTime >= exchange.Feed.LiveFrom)
                {
                    // Trades from the rings' history rebuild the last price but are not news.
                    PublishTrade(market, trade, publishTime);
                }

                break;
            case MergedEventKind.BookDelta:
                if (merged.IsBatchEnd)
                {
                    PublishBook(market, publishTime);
                }
                else if (market.Synced && !market.Dirty)
                {
                    market.Dirty = true;
                    exchange.DirtyMarkets.Add(market);
                }

                break;
            case MergedEventKind.BookSnapshot:
                // A complete book (a snapshot, or a failover to another replica's): subscribers get the difference.
                market.Synced = true;
                PublishBook(market, publishTime);
                break;
            case MergedEventKind.BookReset:
                // No replica holds a valid book: subscribers keep the last consistent state until the next snapshot.
                ServerLog.Resync(logger, exchange.Name, exchange.Feed.Lost, market.Symbol);
                exchange.Resyncs.Inc();
                market.Synced = false;
                break;
        }
    }

    private void RemapIfChanged(ExchangeState exchange)
    {
        if (!ReferenceEquals(exchange.Feed.Instruments, exchange.Mapped))
        {
            Remap(exchange);
        }
    }

    /// <summary>The feed declared symbols (first read, a replica with new ones): map ids to markets by symbol, each on the feed's book.</summary>
    private void Remap(ExchangeState exchange)
    {
        var instruments = exchange.Feed.Instruments;
        exchange.Mapped = instruments;
        var byId = new Market?[instruments.Count];
        var created = new List<Market>();
        foreach (var instrument in instruments)
        {
            if (!exchange.BySymbol.TryGetValue(instrument.Symbol, out var market))
            {
                market = new Market(exchange, instrument, exchange.Feed.Book(instrument.Id), CreateStream);
                exchange.BySymbol.Add(instrument.Symbol, market);
                created.Add(market);
            }

            market.PriceScale = instrument.PriceScale;
            market.SizeScale = instrument.SizeScale;
            market.Synced = exchange.Feed.IsValid(instrument.Id);
            byId[instrument.Id] = market;
        }

        exchange.ById = byId;
        ServerLog.InstrumentsMapped(logger, exchange.Name, instruments.Count, exchange.Sources);
        foreach (var market in created)
        {
            AttachToNewStream(market.Trades);
            AttachToNewStream(market.Ticker);
            foreach (var view in market.Views)
            {
                AttachToNewStream(view.Stream);
            }
        }
    }

    private void PublishTrade(Market market, in Trade trade, long publishTime)
    {
        var stream = market.Trades;
        if (stream.HasSubscribers)
        {
            stream.Sequence++;
            Deliver(
                stream,
                stream.JsonSubscribers > 0 ? _encoder.Trade(stream, trade, publishTime, WireEncoding.Json) : null,
                stream.BinarySubscribers > 0 ? _encoder.Trade(stream, trade, publishTime, WireEncoding.Binary) : null);
        }

        PublishTicker(market, publishTime);
    }

    /// <summary>After a batch: the ticker if the top changed, and one delta per subscribed depth whose top changed.</summary>
    private void PublishBook(Market market, long publishTime)
    {
        market.Dirty = false;
        if (!market.Synced)
        {
            // Half-built or waiting for a snapshot: subscribers keep the last consistent state they were sent.
            return;
        }

        var book = market.Book;
        var bid = book.BestBid;
        var ask = book.BestAsk;
        if (bid != market.TickerBid || ask != market.TickerAsk)
        {
            market.TickerBid = bid;
            market.TickerAsk = ask;
            PublishTicker(market, publishTime);
        }

        foreach (var view in market.Views)
        {
            var stream = view.Stream;
            if (stream.HasSubscribers && view.Advance(book))
            {
                stream.Sequence++;
                Deliver(
                    stream,
                    stream.JsonSubscribers > 0 ? _encoder.Book(stream, snapshot: false, view.ChangedBids, view.ChangedAsks, synced: true, publishTime, WireEncoding.Json) : null,
                    stream.BinarySubscribers > 0 ? _encoder.Book(stream, snapshot: false, view.ChangedBids, view.ChangedAsks, synced: true, publishTime, WireEncoding.Binary) : null);
            }
        }
    }

    private void PublishTicker(Market market, long publishTime)
    {
        var stream = market.Ticker;
        if (stream.HasSubscribers)
        {
            stream.Sequence++;
            Deliver(
                stream,
                stream.JsonSubscribers > 0 ? _encoder.Ticker(stream, publishTime, WireEncoding.Json) : null,
                stream.BinarySubscribers > 0 ? _encoder.Ticker(stream, publishTime, WireEncoding.Binary) : null);
        }
    }

    private void PublishStats(ExchangeState exchange)
    {
        var records = exchange.Records - exchange.RecordsAtLastStats;
        exchange.RecordsAtLastStats = exchange.Records;
        var ageMs = exchange.LastPublishTime == 0 ? -1 : (MonotonicClock.NowNanoseconds() - exchange.LastPublishTime) / 1e6;
        exchange.DataAge.Set(ageMs < 0 ? double.NaN : ageMs / 1000);
        var lost = exchange.Feed.Lost;
        exchange.RingLost.Inc(lost - exchange.LostReported);
        exchange.LostReported = lost;
        ReplicaMetrics.Export(exchange.Name, exchange.Feed.Replicas);
        var stats = new ExchangeStats(
            records * 1000.0 / StatsIntervalMs,
            exchange.Latency.MeanMicroseconds,
            exchange.Latency.PercentileMicroseconds(50),
            exchange.Latency.PercentileMicroseconds(99),
            exchange.Latency.MaxMicroseconds,
            ageMs,
            lost,
            exchange.Feed.Resyncs,
            exchange.Sources,
            exchange.BySymbol.Count,
            _clients.Count,
            exchange.Feed.Replicas);
        exchange.Latency.Reset();
        var stream = exchange.Stats!;
        if (stream.HasSubscribers)
        {
            stream.Sequence++;
            var message = ControlMessages.Stats(stream, stats);
            message.AddReference();

            // Stats are JSON text for every client: one message serves both encodings.
            Deliver(stream, message, message);
        }
    }
}
