namespace AlphaPulse.Collector.Adapters.Binance;

/// <summary>What a Binance frame is, after parsing.</summary>
internal enum BinanceFrameKind : byte
{
    Malformed = 0,
    DepthUpdate = 1,
    Trade = 2,

    /// <summary>A reply to a request (<c>{"result":null,"id":1}</c>).</summary>
    Control = 3,

    /// <summary>An error object (<c>{"code":2,"msg":"…"}</c>).</summary>
    Error = 4,

    /// <summary>Well-formed, but an event or symbol this session does not subscribe to.</summary>
    Unknown = 5,
}

/// <summary>
/// The scalar fields of one Binance event, reused across frames (levels go to a <see cref="LevelBatch"/>).
/// Field letters as in Binance's "WebSocket Streams" documentation: Diff. Depth Stream and Trade Streams.
/// Mutable scratch; single-threaded.
/// </summary>
internal struct BinanceEvent
{
    public ushort InstrumentId;

    /// <summary><c>E</c>: event time, unix ms.</summary>
    public long EventTime;

    /// <summary><c>U</c>: first update id in the event.</summary>
    public long FirstUpdateId;

    /// <summary><c>u</c>: final update id in the event.</summary>
    public long FinalUpdateId;

    /// <summary><c>t</c>: trade id.</summary>
    public long TradeId;

    /// <summary><c>T</c>: trade time, unix ms.</summary>
    public long TradeTime;

    /// <summary><c>p</c>: price, fixed point.</summary>
    public long Price;

    /// <summary><c>q</c>: quantity, fixed point.</summary>
    public long Quantity;

    /// <summary><c>m</c>: is the buyer the market maker? Then the seller was the aggressor.</summary>
    public bool BuyerIsMaker;

    public BinanceFields Seen;
}

/// <summary>Which fields a frame carried, to tell a complete event from a malformed one.</summary>
[Flags]
internal enum BinanceFields
{
    None = 0,
    EventType = 1 << 0,
    EventTime = 1 << 1,
    Symbol = 1 << 2,
    KnownSymbol = 1 << 3,
    FirstUpdateId = 1 << 4,
    FinalUpdateId = 1 << 5,
    Bids = 1 << 6,
    Asks = 1 << 7,
    TradeId = 1 << 8,
    TradeTime = 1 << 9,
    Price = 1 << 10,
    Quantity = 1 << 11,
    BuyerIsMaker = 1 << 12,
    Depth = EventType | EventTime | Symbol | FirstUpdateId | FinalUpdateId | Bids | Asks,
    Trade = EventType | EventTime | Symbol | TradeId | TradeTime | Price | Quantity | BuyerIsMaker,
}
