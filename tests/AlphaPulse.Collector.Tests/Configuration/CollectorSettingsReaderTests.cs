using AlphaPulse.Collector.Configuration;
using AlphaPulse.ServiceDefaults;

namespace AlphaPulse.Collector.Tests.Configuration;

/// <summary>Start-up configuration: defaults, symbol mapping, and errors that name the variable, the rule, the value and the fix.</summary>
public sealed class CollectorSettingsReaderTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["EXCHANGE"] = "binance",
        ["SYMBOLS"] = "btc-usdt, ETH-USDT",
    };

    [Fact]
    public void ShouldMapNormalisedSymbolsToBinanceNamesAndApplyDefaults()
    {
        var settings = Read(Valid);

        Assert.Equal("binance", settings.Adapter.Name);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], settings.Instruments.Select(i => i.ExchangeSymbol));
        Assert.Equal(["BTC-USDT", "ETH-USDT"], settings.Instruments.Select(i => i.Symbol.ToString()));
        Assert.Equal(8080, settings.MetricsPort);
        Assert.Equal(new Uri("wss://stream.binance.com:9443"), settings.FeedUrl);
        Assert.Equal(new Uri("https://api.binance.com"), settings.RestUrl);
        Assert.Equal("binance-0", settings.RingName);
        Assert.Equal("/dev/shm/alphapulse/binance-0.ring", settings.RingPath);
    }

    [Fact]
    public void ShouldNameTheRingAfterTheReplica()
    {
        Assert.Equal("binance-b", Read(With("REPLICA_ID", "b")).RingName);
        Assert.Equal("binance-collector-7f9", Read(With("HOSTNAME", "collector-7f9")).RingName);
    }

    [Fact]
    public void ShouldBuildTheCombinedStreamUrlFromTheFeedUrl()
    {
        var settings = Read(With("FEED_URL", "ws://127.0.0.1:5000"));

        Assert.Equal("ws://127.0.0.1:5000/stream?streams=btcusdt@depth@100ms/btcusdt@trade/ethusdt@depth@100ms/ethusdt@trade",
            settings.Adapter.FeedUri(settings.FeedUrl, settings.Instruments).ToString());
    }

    [Theory]
    [InlineData("EXCHANGE", null, "EXCHANGE must name the exchange to collect: EXCHANGE is not set (set EXCHANGE to binance, coinbase or kraken)")]
    [InlineData("EXCHANGE", "bitmex", "EXCHANGE must be one of binance, coinbase, kraken: EXCHANGE='bitmex' (fix the spelling)")]
    [InlineData("SYMBOLS", "", "SYMBOLS must list at least one BASE-QUOTE symbol: SYMBOLS='' (e.g. SYMBOLS=BTC-USDT,ETH-USDT)")]
    [InlineData("SYMBOLS", " , ", "SYMBOLS must list at least one BASE-QUOTE symbol: SYMBOLS=' , ' (e.g. SYMBOLS=BTC-USDT,ETH-USDT)")]
    [InlineData("SYMBOLS", "BTCUSDT", "SYMBOLS entries must be BASE-QUOTE in letters and digits, at most 32 characters: entry='BTCUSDT' (e.g. BTC-USDT)")]
    [InlineData("SYMBOLS", "BTC-US/DT", "SYMBOLS entries must be BASE-QUOTE in letters and digits, at most 32 characters: entry='BTC-US/DT' (e.g. BTC-USDT)")]
    [InlineData("SYMBOLS", "VERYLONGBASEASSET-QUOTEASSET", "SYMBOLS entries must map to a binance symbol: entry='VERYLONGBASEASSET-QUOTEASSET' (remove it or use a pair binance lists)")]
    [InlineData("SYMBOLS", "BTC-USDT,btc-usdt", "SYMBOLS entries must be distinct: entry='BTC-USDT' appears twice (remove the duplicate)")]
    [InlineData("METRICS_PORT", "http", "METRICS_PORT must be an integer in [0, 65535]: METRICS_PORT='http' (use a free TCP port such as 8080)")]
    [InlineData("METRICS_PORT", "70000", "METRICS_PORT must be an integer in [0, 65535]: METRICS_PORT='70000' (use a free TCP port such as 8080)")]
    [InlineData("FEED_URL", "http://127.0.0.1:5000", "FEED_URL must be an absolute ws:// or wss:// URL: FEED_URL='http://127.0.0.1:5000' (e.g. FEED_URL=wss://stream.binance.com:9443/)")]
    [InlineData("REST_URL", "api.binance.com", "REST_URL must be an absolute http:// or https:// URL: REST_URL='api.binance.com' (e.g. REST_URL=https://api.binance.com/)")]
    [InlineData("LOG_LEVEL", "verbose", "LOG_LEVEL must be one of Trace, Debug, Information, Warning, Error, Critical, None: LOG_LEVEL='verbose' (unset it for the default Information)")]
    [InlineData("RING_SLOTS", "1000", "RING_SLOTS must be a power of two: RING_SLOTS=1000 (use 1024)")]
    [InlineData("BOOK_DEPTH", "0", "BOOK_DEPTH must be an integer in [1, 5000]: BOOK_DEPTH='0' (use e.g. 1000 (Binance serves at most 5000))")]
    [InlineData("REPLICA_ID", "a/b", "REPLICA_ID (or HOSTNAME) must be letters, digits, '-', '_' or '.' as it names the ring file: REPLICA_ID='a/b' (set REPLICA_ID to e.g. a or 0)")]
    public void ShouldRefuseABadSettingNamingTheVariable(string variable, string? value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Read(With(variable, value)));

        Assert.Equal(variable, error.Variable);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShouldStartCoinbaseAndKrakenWithTheirOwnSymbolsAndFeedUrls()
    {
        var coinbase = Read(new() { ["EXCHANGE"] = "coinbase", ["SYMBOLS"] = "BTC-USD", ["FEED_URL"] = "ws://127.0.0.1:9443/coinbase?updateIds=true" });
        var kraken = Read(new() { ["EXCHANGE"] = "KRAKEN", ["SYMBOLS"] = "BTC-USD,ETH-USD", ["BOOK_DEPTH"] = "25" });

        Assert.Equal(["BTC-USD"], coinbase.Instruments.Select(i => i.ExchangeSymbol));
        Assert.Equal("ws://127.0.0.1:9443/coinbase?updateIds=true", coinbase.Adapter.FeedUri(coinbase.FeedUrl, coinbase.Instruments).ToString());
        Assert.Null(coinbase.RestUrl);
        Assert.Equal(["BTC/USD", "ETH/USD"], kraken.Instruments.Select(i => i.ExchangeSymbol));
        Assert.Equal(new Uri("wss://ws.kraken.com/v2"), kraken.FeedUrl);
        Assert.Equal(25, kraken.BookDepth);
        Assert.Equal("kraken-0", kraken.RingName);
    }

    [Theory]
    [InlineData("kraken", "BOOK_DEPTH", "50", "BOOK_DEPTH must be a depth kraken offers (10, 25, 100, 500, 1000): BOOK_DEPTH=50 (use one of them, e.g. 1000)")]
    [InlineData("coinbase", "COINBASE_KEY", "key-only", "Coinbase credentials are all three of COINBASE_KEY, COINBASE_SECRET, COINBASE_PASSPHRASE or none: set=1 of 3 (set the missing ones, or unset all to use level2_batch)")]
    public void ShouldRefuseABadExchangeSetting(string exchange, string variable, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Read(new() { ["EXCHANGE"] = exchange, ["SYMBOLS"] = "BTC-USD", [variable] = value }));

        Assert.Equal(variable, error.Variable);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ShouldNeverShowTheCoinbaseSecretInAnError()
    {
        var error = Assert.Throws<SettingsException>(() => Read(new()
        {
            ["EXCHANGE"] = "coinbase",
            ["SYMBOLS"] = "BTC-USD",
            ["COINBASE_KEY"] = "k",
            ["COINBASE_SECRET"] = "not*base64!",
            ["COINBASE_PASSPHRASE"] = "p",
        }));

        Assert.Equal("COINBASE_SECRET must be the base64 secret Coinbase issued with the key: length=11, value not shown (paste the secret exactly as issued)", error.Message);
        Assert.DoesNotContain("not*base64!", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> With(string variable, string? value)
    {
        var variables = new Dictionary<string, string?>(Valid);
        variables[variable] = value;
        return variables;
    }

    private static CollectorSettings Read(Dictionary<string, string?> variables) =>
        CollectorSettingsReader.Read(name => variables.GetValueOrDefault(name));
}
