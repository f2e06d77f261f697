namespace AlphaPulse.Collector.Adapters.Kraken;

/// <summary>What a Kraken v2 frame is, after parsing.</summary>
internal enum KrakenMessageKind : byte
{
    Malformed = 0,
    BookSnapshot = 1,
    BookUpdate = 2,

    /// <summary>Trades (a snapshot of recent ones, or an update); each in <see cref="KrakenMessageReader.Trades"/>.</summary>
    Trades = 3,
    Status = 4,
    Heartbeat = 5,

    /// <summary>A successful method response: subscribe, unsubscribe, pong.</summary>
    Acknowledgement = 6,

    /// <summary>A method response with <c>"success":false</c>.</summary>
    Error = 7,

    /// <summary>Well-formed, but a channel, method or symbol this session does not handle.</summary>
    Unknown = 8,
}

/// <summary>
/// The scalar fields of one Kraken Spot WebSocket v2 message, reused across frames (book levels go to a
/// <see cref="LevelBatch"/>, trades to the reader's trade buffer). Names as in the v2 reference ("book",
/// "trade", "status", "heartbeat", "ping"). Mutable scratch; single-threaded.
/// </summary>
internal struct KrakenMessage
{
    public KrakenMessageKind Kind;

    /// <summary>The book message's symbol (book), or the symbol an error names (when known).</summary>
    public ushort InstrumentId;

    public bool KnownSymbol;

    /// <summary><c>checksum</c>: CRC-32 of the top 10 levels after this message.</summary>
    public uint Checksum;

    public bool HasChecksum;

    /// <summary><c>timestamp</c>, unix ns.</summary>
    public long Time;

    /// <summary>Most fraction digits a price / quantity carried on the wire (Kraken sends full precision).</summary>
    public byte PriceDecimals;

    public byte QuantityDecimals;

    /// <summary><c>connection_id</c> of a status message: unsigned 64-bit, often above <see cref="long.MaxValue"/>.</summary>
    public ulong ConnectionId;

    /// <summary>
    /// <c>sim_update_id</c>: the exchange simulator's book update id, only on its test connections
    /// (<c>?updateIds=true</c>); kept as the collector's internal book sequence, never published. 0 when absent.
    /// </summary>
    public long SimulatorUpdateId;
}

/// <summary>One trade of a <c>trade</c> message; <see cref="TakerBought"/> is Kraken's <c>side</c> (the taker's).</summary>
internal struct KrakenTrade
{
    public ushort InstrumentId;
    public long Price;
    public long Quantity;
    public bool TakerBought;
    public long TradeId;
    public long Time;
}
