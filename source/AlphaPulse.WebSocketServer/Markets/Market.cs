using System.Text.Json;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One symbol of one exchange: its book (kept by the feed), its last trade, its ticker as last sent,
/// whether the book is complete and unpublished, and its streams (trades, ticker, one book stream per
/// supported depth). The flags change only through the events that move them. Hub thread only.
/// </summary>
internal sealed class Market
{
    public Market(ExchangeState exchange, Instrument instrument, OrderBook book, StreamIds ids)
    {
        Book = book;
        Exchange = exchange;
        Symbol = instrument.Symbol;
        SymbolJson = JsonEncodedText.Encode(instrument.Symbol);
        PriceScale = instrument.PriceScale;
        SizeScale = instrument.SizeScale;
        Trades = new MarketStream(ids.Next(), StreamChannel.Trades, exchange, this, 0);
        Ticker = new MarketStream(ids.Next(), StreamChannel.Ticker, exchange, this, 0);
        var depths = ServerSettings.BookDepths;
        Views = new DepthView[depths.Count];
        for (var i = 0; i < Views.Length; i++)
        {
            Views[i] = new DepthView(depths[i], new MarketStream(ids.Next(), StreamChannel.Book, exchange, this, depths[i]));
        }
    }

    public ExchangeState Exchange { get; }

    public string Symbol { get; }

    public JsonEncodedText SymbolJson { get; }

    public byte PriceScale { get; private set; }

    public byte SizeScale { get; private set; }

    /// <summary>The feed's merged book of the symbol: read here, written only by the feed.</summary>
    public OrderBook Book { get; }

    /// <summary>The feed holds a complete book (a snapshot and every update since).</summary>
    public bool Synced { get; private set; }

    /// <summary>Levels changed since the book was last published to its streams.</summary>
    public bool Dirty { get; private set; }

    public MarketStream Trades { get; }

    public MarketStream Ticker { get; }

    public DepthView[] Views { get; }

    public PriceLevel TickerBid { get; private set; }

    public PriceLevel TickerAsk { get; private set; }

    public long LastPrice { get; private set; }

    public long LastSize { get; private set; }

    public DepthView? View(int depth)
    {
        foreach (var view in Views)
        {
            if (view.Depth == depth)
            {
                return view;
            }
        }

        return null;
    }

    /// <summary>The feed (re)declared the symbol: its scales, and whether its book is complete now.</summary>
    public void Declare(Instrument instrument, bool synced)
    {
        PriceScale = instrument.PriceScale;
        SizeScale = instrument.SizeScale;
        Synced = synced;
    }

    public void OnTrade(in Trade trade)
    {
        LastPrice = trade.Price;
        LastSize = trade.Size;
    }

    /// <summary>A complete book arrived (a snapshot, or a failover to another replica's).</summary>
    public void OnSnapshot() => Synced = true;

    /// <summary>No replica holds a valid book: nothing is published until the next snapshot.</summary>
    public void OnReset() => Synced = false;

    /// <summary>A delta inside a batch: true when the market just became dirty (the caller lists it once).</summary>
    public bool MarkDirty()
    {
        if (!Synced || Dirty)
        {
            return false;
        }

        Dirty = true;
        return true;
    }

    /// <summary>Publishing starts: the book is clean again; false while it is incomplete (subscribers keep the last consistent state).</summary>
    public bool BeginPublish()
    {
        Dirty = false;
        return Synced;
    }

    /// <summary>The book's top as the ticker should show it: true when it moved since the last ticker.</summary>
    public bool MoveTicker(PriceLevel bid, PriceLevel ask)
    {
        if (bid == TickerBid && ask == TickerAsk)
        {
            return false;
        }

        TickerBid = bid;
        TickerAsk = ask;
        return true;
    }
}
