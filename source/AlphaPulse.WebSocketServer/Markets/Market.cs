using System.Text.Json;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Markets;

/// <summary>
/// One symbol of one exchange: its book (built from the ring's snapshots and deltas), its last trade,
/// and its streams (trades, ticker, one book stream per supported depth). Hub thread only.
/// </summary>
internal sealed class Market
{
    public Market(ExchangeState exchange, Instrument instrument, OrderBook book, Func<StreamChannel, ExchangeState, Market?, int, MarketStream> createStream)
    {
        Book = book;
        Exchange = exchange;
        Symbol = instrument.Symbol;
        SymbolJson = JsonEncodedText.Encode(instrument.Symbol);
        PriceScale = instrument.PriceScale;
        SizeScale = instrument.SizeScale;
        Trades = createStream(StreamChannel.Trades, exchange, this, 0);
        Ticker = createStream(StreamChannel.Ticker, exchange, this, 0);
        var depths = ServerSettings.BookDepths;
        Views = new DepthView[depths.Count];
        for (var i = 0; i < Views.Length; i++)
        {
            Views[i] = new DepthView(depths[i], createStream(StreamChannel.Book, exchange, this, depths[i]));
        }
    }

    public ExchangeState Exchange { get; }

    public string Symbol { get; }

    public JsonEncodedText SymbolJson { get; }

    public byte PriceScale { get; set; }

    public byte SizeScale { get; set; }

    /// <summary>The feed's merged book of the symbol: read here, written only by the feed.</summary>
    public OrderBook Book { get; }

    /// <summary>The feed holds a complete book (a snapshot and every update since).</summary>
    public bool Synced { get; set; }

    /// <summary>Levels changed since the book was last published to its streams.</summary>
    public bool Dirty { get; set; }

    public MarketStream Trades { get; }

    public MarketStream Ticker { get; }

    public DepthView[] Views { get; }

    public PriceLevel TickerBid { get; set; }

    public PriceLevel TickerAsk { get; set; }

    public long LastPrice { get; set; }

    public long LastSize { get; set; }

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
}
