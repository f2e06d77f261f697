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
    public Market(ExchangeState exchange, Instrument instrument, Func<StreamChannel, ExchangeState, Market?, int, MarketStream> createStream)
    {
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

    public OrderBook Book { get; } = new(256);

    /// <summary>The book was rebuilt from a complete snapshot and every record since was applied.</summary>
    public bool Synced { get; set; }

    /// <summary>Between a snapshot's first and last chunk.</summary>
    public bool Building { get; set; }

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

    /// <summary>Forget the book: it is rebuilt from the next snapshot (after loss, a writer restart or a replica switch).</summary>
    public void Unsync()
    {
        Synced = false;
        Building = false;
    }
}
