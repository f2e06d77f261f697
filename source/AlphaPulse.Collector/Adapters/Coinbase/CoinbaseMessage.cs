namespace AlphaPulse.Collector.Adapters.Coinbase;

/// <summary>What a Coinbase Exchange feed frame is, after parsing (its <c>type</c>).</summary>
internal enum CoinbaseMessageType : byte
{
    Malformed = 0,
    Snapshot = 1,
    L2Update = 2,
    Match = 3,

    /// <summary>The latest match before the subscription began; restarts the trade-id check.</summary>
    LastMatch = 4,
    Heartbeat = 5,

    /// <summary>The acknowledgement listing every current subscription.</summary>
    Subscriptions = 6,
    Error = 7,

    /// <summary>Well-formed, but a type or product this session does not handle.</summary>
    Unknown = 8,
}

/// <summary>
/// The scalar fields of one Coinbase message, reused across frames (book levels go to a <see cref="LevelBatch"/>).
/// Field names as in the Exchange WebSocket feed documentation (docs.cdp.coinbase.com/exchange/websocket-feed:
/// channels "Heartbeat", "Level2", "Matches"). Mutable scratch; single-threaded.
/// </summary>
internal struct CoinbaseMessage
{
    public CoinbaseMessageType Type;

    public ushort InstrumentId;

    /// <summary><c>time</c>, unix ns (0 when absent: snapshots carry none).</summary>
    public long Time;

    /// <summary><c>sequence</c> (match, heartbeat): rises with every message of the product.</summary>
    public long Sequence;

    /// <summary><c>trade_id</c> (match): +1 per product.</summary>
    public long TradeId;

    /// <summary><c>last_trade_id</c> (heartbeat): the product's latest trade id.</summary>
    public long LastTradeId;

    public long Price;

    public long Size;

    /// <summary><c>side</c> of a match: the MAKER's side; true for "buy" (the resting order bought, so the taker sold).</summary>
    public bool MakerBought;

    /// <summary>
    /// <c>sim_update_id</c>: the exchange simulator's book update id, present only on its test connections
    /// (<c>?updateIds=true</c>); kept as the collector's internal book sequence, never published. 0 when absent.
    /// </summary>
    public long SimulatorUpdateId;

    public CoinbaseFields Seen;
}

/// <summary>Which fields a frame carried, to tell a complete message from a malformed one.</summary>
[Flags]
internal enum CoinbaseFields
{
    None = 0,
    Type = 1 << 0,
    Product = 1 << 1,
    KnownProduct = 1 << 2,
    Time = 1 << 3,
    Sequence = 1 << 4,
    TradeId = 1 << 5,
    LastTradeId = 1 << 6,
    Price = 1 << 7,
    Size = 1 << 8,
    Side = 1 << 9,
    Bids = 1 << 10,
    Asks = 1 << 11,
    Changes = 1 << 12,
    Snapshot = Type | Product | Bids | Asks,
    L2Update = Type | Product | Changes | Time,
    Match = Type | Product | TradeId | Sequence | Time | Price | Size | Side,
    Heartbeat = Type | Product | Sequence | LastTradeId,
}
