namespace AlphaPulse.Collector.Tests.Coinbase;

/// <summary>
/// Message examples from the Coinbase Exchange WebSocket feed documentation (docs.cdp.coinbase.com/exchange/
/// websocket-feed: overview "Subscribe", channels "Heartbeat", "Level2", "Matches"), with helpers that vary them.
/// </summary>
internal static class CoinbaseDocs
{
    /// <summary>Heartbeat channel example.</summary>
    public const string Heartbeat = """{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"BTC-USD","time":"2014-11-07T08:19:28.464459Z"}""";

    /// <summary>Level2 channel: the snapshot example.</summary>
    public const string Snapshot = """{"type":"snapshot","product_id":"BTC-USD","bids":[["10101.10","0.45054140"]],"asks":[["10102.55","0.57753524"]]}""";

    /// <summary>Level2 channel: the l2update example.</summary>
    public const string L2Update = """{"type":"l2update","product_id":"BTC-USD","changes":[["buy","22356.270000","0.00000000"],["buy","22356.300000","1.00000000"]],"time":"2022-08-04T15:25:05.010758Z"}""";

    /// <summary>Matches channel example (side is the maker's).</summary>
    public const string Match = """{"type":"match","trade_id":10,"sequence":50,"maker_order_id":"ac928c66-ca53-498f-9c13-a110027a60e8","taker_order_id":"132fb6ae-456b-4654-b4e0-d681ac05cea1","time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"5.23512","price":"400.23","side":"sell"}""";

    /// <summary>The subscriptions acknowledgement example.</summary>
    public const string Subscriptions = """{"type":"subscriptions","channels":[{"name":"level2","product_ids":["ETH-USD","ETH-EUR"]},{"name":"heartbeat","product_ids":["ETH-USD","ETH-EUR"]}]}""";

    /// <summary>An error message (overview: "Errors").</summary>
    public const string Error = """{"type":"error","message":"Failed to subscribe","reason":"level2, level3, and full channels now require authentication."}""";

    public static string Book(string bids, string asks) => $$"""{"type":"snapshot","product_id":"BTC-USD","bids":{{bids}},"asks":{{asks}}}""";

    public static string Update(string changes) => $$"""{"type":"l2update","product_id":"BTC-USD","changes":{{changes}},"time":"2022-08-04T15:25:05.010758Z"}""";

    public static string MatchFrame(long tradeId, long sequence, string makerSide = "sell", string type = "match") =>
        $$"""{"type":"{{type}}","trade_id":{{tradeId}},"sequence":{{sequence}},"maker_order_id":"a","taker_order_id":"b","time":"2014-11-07T08:19:27.028459Z","product_id":"BTC-USD","size":"1.5","price":"400.23","side":"{{makerSide}}"}""";

    public static string HeartbeatFrame(long sequence, long lastTradeId) =>
        $$"""{"type":"heartbeat","sequence":{{sequence}},"last_trade_id":{{lastTradeId}},"product_id":"BTC-USD","time":"2014-11-07T08:19:28.464459Z"}""";
}
