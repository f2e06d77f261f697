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
    private readonly List<Market> _created = [];

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
            exchange.Statistics.OnRead(Environment.TickCount64);
        }

        if (count < MaxBatch && exchange.Dirty.Count > 0)
        {
            // Caught up: publish books whose writer never flagged a batch end (a batch end since has published them).
            foreach (var market in exchange.Dirty)
            {
                if (market.Dirty)
                {
                    PublishBook(market, exchange.Statistics.LastPublishTime);
                }
            }

            exchange.ClearDirty();
        }

        return count;
    }

    private void Apply(ExchangeState exchange, MergedEvent merged)
    {
        var publishTime = merged.PublishTime;
        exchange.Statistics.OnRecord(publishTime, MonotonicClock.NowNanoseconds(), live: publishTime >= exchange.Feed.LiveFrom);

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
                market.OnTrade(trade);
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
                else
                {
                    exchange.MarkDirty(market);
                }

                break;
            case MergedEventKind.BookSnapshot:
                // A complete book (a snapshot, or a failover to another replica's): subscribers get the difference.
                market.OnSnapshot();
                PublishBook(market, publishTime);
                break;
            case MergedEventKind.BookReset:
                // No replica holds a valid book: subscribers keep the last consistent state until the next snapshot.
                ServerLog.Resync(logger, exchange.Name, exchange.Feed.Lost, market.Symbol);
                exchange.Statistics.OnResync();
                market.OnReset();
                break;
        }
    }

    /// <summary>The feed declared symbols (first read, a replica with new ones): remap, and let wildcard patterns pick up new markets' streams.</summary>
    private void RemapIfChanged(ExchangeState exchange)
    {
        _created.Clear();
        if (!exchange.RemapIfChanged(_created))
        {
            return;
        }

        ServerLog.InstrumentsMapped(logger, exchange.Name, exchange.Feed.Instruments.Count, exchange.Sources);
        foreach (var market in _created)
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
            stream.Advance();
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
        if (!market.BeginPublish())
        {
            // Half-built or waiting for a snapshot: subscribers keep the last consistent state they were sent.
            return;
        }

        var book = market.Book;
        if (market.MoveTicker(book.BestBid, book.BestAsk))
        {
            PublishTicker(market, publishTime);
        }

        foreach (var view in market.Views)
        {
            var stream = view.Stream;
            if (stream.HasSubscribers && view.Advance(book))
            {
                stream.Advance();
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
            stream.Advance();
            Deliver(
                stream,
                stream.JsonSubscribers > 0 ? _encoder.Ticker(stream, publishTime, WireEncoding.Json) : null,
                stream.BinarySubscribers > 0 ? _encoder.Ticker(stream, publishTime, WireEncoding.Binary) : null);
        }
    }

    private void PublishStats(ExchangeState exchange)
    {
        var feed = exchange.Feed;
        ReplicaMetrics.Export(exchange.Name, feed.Replicas);
        var stats = exchange.Statistics.CloseWindow(
            MonotonicClock.NowNanoseconds(),
            StatsIntervalMs,
            new FeedFigures(feed.Lost, feed.Resyncs, exchange.Sources, exchange.MarketCount, _registry.ClientCount, feed.Replicas));
        var stream = exchange.Stats;
        if (stream.HasSubscribers)
        {
            var message = ControlMessages.Stats(exchange.NameJson, stream.Advance(), stats);
            message.AddReference();

            // Stats are JSON text for every client: one message serves both encodings.
            Deliver(stream, message, message);
        }
    }
}
