using AlphaPulse.Core;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>Ring records into books and market-data messages (docs/shm-format.md §5, §7, §8).</summary>
internal sealed partial class MarketHub
{
    private int Pump(ExchangeState exchange)
    {
        var feed = exchange.Feed;

        // A ring found while its writer was starting up learns its symbols before the first record.
        if (feed.RefreshInstruments() || !ReferenceEquals(feed.Instruments, exchange.Mapped))
        {
            Remap(exchange);
        }

        var count = 0;
        while (count < MaxBatch && feed.TryRead(out var record))
        {
            count++;
            Apply(exchange, record);
        }

        if (count > 0)
        {
            exchange.LastRecordMs = Environment.TickCount64;
        }

        if (count < MaxBatch && exchange.DirtyMarkets.Count > 0)
        {
            // Caught up: publish books whose writer never flagged a batch end.
            foreach (var market in exchange.DirtyMarkets)
            {
                PublishBook(market, exchange.LastPublishTime);
            }

            exchange.DirtyMarkets.Clear();
        }

        return count;
    }

    private void Apply(ExchangeState exchange, RecordView record)
    {
        var publishTime = record.PublishTime;
        var latency = MonotonicClock.NowNanoseconds() - publishTime;
        exchange.Records++;
        exchange.LatencySumNs += latency;
        exchange.LatencyCount++;
        exchange.LatencyMaxNs = Math.Max(exchange.LatencyMaxNs, latency);
        exchange.ShmLatency.Observe(latency / 1000.0);
        exchange.LastPublishTime = publishTime;
        if (record.LostBefore > 0 || record.IsNewEpoch || !ReferenceEquals(exchange.Feed.Instruments, exchange.Mapped))
        {
            // Before the lookup: the reader reloads the table on the first record of an epoch, and
            // that record (a restarted writer's snapshot) must be applied under the new ids.
            OnResync(exchange, record.LostBefore, record.IsNewEpoch);
        }

        var type = record.Type;
        if (type == RecordType.Heartbeat)
        {
            return;
        }

        var market = exchange.Lookup(record.InstrumentId);
        if (market is null)
        {
            return;
        }

        if (type == RecordType.Trade)
        {
            var trade = record.Trade;
            market.LastPrice = trade.Price;
            market.LastSize = trade.Size;
            if (!exchange.Feed.IsReplaying)
            {
                PublishTrade(market, trade, publishTime);
            }

            return;
        }

        if (type is not (RecordType.BookDelta or RecordType.BookSnapshot))
        {
            return;
        }

        var flags = record.Flags;
        var book = record.Book;
        if ((flags & RecordFlags.BookReset) != 0)
        {
            // A snapshot's first chunk (or a replacing delta): the book restarts from these levels.
            market.Book.Clear();
            market.Building = type == RecordType.BookSnapshot;
            market.Synced = type == RecordType.BookDelta;
        }

        if (market.Synced || market.Building)
        {
            ApplyLevels(market.Book, book.Bids, BookSide.Bid);
            ApplyLevels(market.Book, book.Asks, BookSide.Ask);
            if (!market.Dirty)
            {
                market.Dirty = true;
                exchange.DirtyMarkets.Add(market);
            }
        }

        if (market.Building && (flags & RecordFlags.LastChunk) != 0)
        {
            market.Building = false;
            market.Synced = true;
        }

        if ((flags & RecordFlags.BatchEnd) != 0)
        {
            PublishBook(market, publishTime);
        }
    }

    private static void ApplyLevels(OrderBook book, ReadOnlySpan<PriceLevel> levels, BookSide side)
    {
        foreach (var level in levels)
        {
            book.Apply(side, level.Price, Math.Max(level.Size, 0));
        }
    }

    /// <summary>Records were lost, the writer restarted or the table was (re)loaded: every book of the exchange waits for its next snapshot.</summary>
    private void OnResync(ExchangeState exchange, long lost, bool newEpoch)
    {
        if (!ReferenceEquals(exchange.Feed.Instruments, exchange.Mapped))
        {
            // The instrument table was (re)loaded: remapping rebuilds every book from snapshots.
            Remap(exchange);
            return;
        }

        ServerLog.Resync(logger, exchange.Name, lost, newEpoch);
        exchange.Resyncs.Inc();

        foreach (var market in exchange.BySymbol.Values)
        {
            market.Unsync();
        }
    }

    /// <summary>The feed's instrument table changed (first read, writer restart, replica switch): map ids to markets by symbol and rebuild books.</summary>
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
                market = new Market(exchange, instrument, CreateStream);
                exchange.BySymbol.Add(instrument.Symbol, market);
                created.Add(market);
            }

            market.PriceScale = instrument.PriceScale;
            market.SizeScale = instrument.SizeScale;
            byId[instrument.Id] = market;
        }

        exchange.ById = byId;
        foreach (var market in exchange.BySymbol.Values)
        {
            market.Unsync();
        }

        ServerLog.InstrumentsMapped(logger, exchange.Name, instruments.Count, exchange.Feed.ActiveSource);
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
        var stats = new ExchangeStats(
            records * 1000.0 / StatsIntervalMs,
            exchange.LatencyCount == 0 ? 0 : exchange.LatencySumNs / (double)exchange.LatencyCount / 1000,
            exchange.LatencyMaxNs / 1000.0,
            ageMs,
            lost,
            exchange.Feed.Resyncs,
            exchange.Feed.ActiveSource,
            exchange.BySymbol.Count,
            _clients.Count);
        exchange.LatencySumNs = exchange.LatencyCount = exchange.LatencyMaxNs = 0;
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
