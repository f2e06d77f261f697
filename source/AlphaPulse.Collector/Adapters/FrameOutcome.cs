namespace AlphaPulse.Collector.Adapters;

/// <summary>What one frame was, for the messages-by-type metric and the malformed-message log.</summary>
public enum FrameOutcome : byte
{
    /// <summary>A book update applied (or buffered while the book synchronises).</summary>
    Book = 0,

    /// <summary>A trade published.</summary>
    Trade = 1,

    /// <summary>Subscription acknowledgements, heartbeats, status: no market data.</summary>
    Control = 2,

    /// <summary>Well-formed but not a message this adapter knows (an unknown event or symbol).</summary>
    Unknown = 3,

    /// <summary>Not valid JSON, or a known message with a missing or unparseable field.</summary>
    Malformed = 4,

    /// <summary>A book update already applied or a trade already published: dropped.</summary>
    Duplicate = 5,

    /// <summary>A book update that revealed lost updates: the book was reset and resynchronises.</summary>
    Gap = 6,

    /// <summary>An error reported by the exchange.</summary>
    ExchangeError = 7,
}

/// <summary>Why a book was reset and resynchronised; a label of the resyncs metric.</summary>
public enum ResyncReason : byte
{
    /// <summary>A sequence gap: updates were lost.</summary>
    Gap = 0,

    /// <summary>Applying an update left the book crossed (best bid ≥ best ask).</summary>
    Crossed = 1,

    /// <summary>The exchange's checksum disagreed with the book (Kraken).</summary>
    Checksum = 2,

    /// <summary>The connection ended; a new one starts the procedure again.</summary>
    Reconnect = 3,

    /// <summary>Too many updates buffered while waiting for a snapshot.</summary>
    BufferOverflow = 4,

    /// <summary>The exchange said the stream is no longer valid (error, slow consumer).</summary>
    ExchangeError = 5,
}
