namespace AlphaPulse.Collector.Tests.Binance;

/// <summary>
/// Message examples from Binance's Spot API documentation ("WebSocket Streams": Diff. Depth Stream,
/// Trade Streams, combined streams; "Market Data endpoints": Order book), with helpers that vary ids.
/// </summary>
internal static class BinanceDocs
{
    /// <summary>Diff. Depth Stream response example.</summary>
    public const string DepthUpdate = """{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"]]}""";

    /// <summary>Trade Streams response example.</summary>
    public const string Trade = """{"e":"trade","E":1672515782136,"s":"BNBBTC","t":12345,"p":"0.001","q":"100","T":1672515782136,"m":true,"M":true}""";

    /// <summary>GET /api/v3/depth response example.</summary>
    public const string Snapshot = """{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}""";

    /// <summary>Reply to a SUBSCRIBE request.</summary>
    public const string SubscribeReply = """{"result":null,"id":1}""";

    /// <summary>An error reply.</summary>
    public const string Error = """{"code":2,"msg":"Invalid request: property name must be a string"}""";

    public static string Combined(string stream, string data) => $$"""{"stream":"{{stream}}","data":{{data}}}""";

    public static string Depth(long first, long final, string bids = """[["0.0024","10"]]""", string asks = """[["0.0026","100"]]""", string symbol = "BNBBTC", long eventTime = 1672515782136) =>
        Combined(symbol.ToLowerInvariant() + "@depth@100ms", $$"""{"e":"depthUpdate","E":{{eventTime}},"s":"{{symbol}}","U":{{first}},"u":{{final}},"b":{{bids}},"a":{{asks}}}""");

    public static string TradeFrame(long id, bool buyerIsMaker, string price = "0.001", string quantity = "100", string symbol = "BNBBTC") =>
        Combined(symbol.ToLowerInvariant() + "@trade", $$"""{"e":"trade","E":1672515782136,"s":"{{symbol}}","t":{{id}},"p":"{{price}}","q":"{{quantity}}","T":1672515782136,"m":{{(buyerIsMaker ? "true" : "false")}},"M":true}""");

    public static string SnapshotBody(long lastUpdateId, string bids = """[["0.0023","5"],["0.0022","7"]]""", string asks = """[["0.0026","3"],["0.0027","9"]]""") =>
        $$"""{"lastUpdateId":{{lastUpdateId}},"bids":{{bids}},"asks":{{asks}}}""";
}
