using System.Text.Json;

namespace AlphaPulse.WebSocketServer.Protocol;

/// <summary>Property names and constant values of the JSON encoding, encoded once. Immutable.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Exchange = JsonEncodedText.Encode("exchange");
    public static readonly JsonEncodedText Symbol = JsonEncodedText.Encode("symbol");
    public static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    public static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    public static readonly JsonEncodedText Size = JsonEncodedText.Encode("size");
    public static readonly JsonEncodedText Side = JsonEncodedText.Encode("side");
    public static readonly JsonEncodedText TradeId = JsonEncodedText.Encode("trade_id");
    public static readonly JsonEncodedText ExchangeTime = JsonEncodedText.Encode("exchange_time");
    public static readonly JsonEncodedText PublishTime = JsonEncodedText.Encode("pt");
    public static readonly JsonEncodedText Depth = JsonEncodedText.Encode("depth");
    public static readonly JsonEncodedText Bids = JsonEncodedText.Encode("bids");
    public static readonly JsonEncodedText Asks = JsonEncodedText.Encode("asks");
    public static readonly JsonEncodedText Synced = JsonEncodedText.Encode("synced");
    public static readonly JsonEncodedText Bid = JsonEncodedText.Encode("bid");
    public static readonly JsonEncodedText BidSize = JsonEncodedText.Encode("bid_size");
    public static readonly JsonEncodedText Ask = JsonEncodedText.Encode("ask");
    public static readonly JsonEncodedText AskSize = JsonEncodedText.Encode("ask_size");
    public static readonly JsonEncodedText Last = JsonEncodedText.Encode("last");
    public static readonly JsonEncodedText LastSize = JsonEncodedText.Encode("last_size");
    public static readonly JsonEncodedText TradeType = JsonEncodedText.Encode("trade");
    public static readonly JsonEncodedText SnapshotType = JsonEncodedText.Encode("book_snapshot");
    public static readonly JsonEncodedText DeltaType = JsonEncodedText.Encode("book_delta");
    public static readonly JsonEncodedText TickerType = JsonEncodedText.Encode("ticker");
    public static readonly JsonEncodedText Buy = JsonEncodedText.Encode("buy");
    public static readonly JsonEncodedText Sell = JsonEncodedText.Encode("sell");
    public static readonly JsonEncodedText Unknown = JsonEncodedText.Encode("unknown");
}
