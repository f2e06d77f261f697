using System.Net;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Tests.Support;

namespace AlphaPulse.Simulator.Tests.Truth;

public class TruthEndpointTests
{
    [Fact]
    public async Task ShouldReturnTheDocumentedTruthShapeLimitedToDepth()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        var truth = await simulator.GetJsonAsync("/truth/binance/btcusdt?depth=3");

        Assert.Equal(["exchange", "symbol", "lastUpdateId", "bids", "asks"], truth.EnumerateObject().Select(p => p.Name));
        Assert.Equal("binance", truth.GetProperty("exchange").GetString());
        Assert.Equal("BTCUSDT", truth.GetProperty("symbol").GetString());
        Assert.Equal(3, truth.GetProperty("bids").GetArrayLength());
    }

    [Theory]
    [InlineData("/truth/coinbase/BTC-USD?depth=2", "coinbase", "BTC-USD", @"^\[""\d+\.\d{2}"",""\d+\.\d{8}""\]$")]
    [InlineData("/truth/kraken/BTC%2FUSD?depth=2", "kraken", "BTC/USD", @"^\{""price"":\d+\.\d{2},""qty"":\d+\.\d{8}\}$")]
    [InlineData("/truth/kraken/eth-usd?depth=2", "kraken", "ETH/USD", @"^\{""price"":\d+\.\d{2},""qty"":\d+\.\d{8}\}$")]
    public async Task ShouldServeCoinbaseAndKrakenTruthInTheVenuesLevelFormat(string path, string exchange, string symbol, string level)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        var truth = await simulator.GetJsonAsync(path);

        Assert.Equal(["exchange", "symbol", "lastUpdateId", "bids", "asks"], truth.EnumerateObject().Select(p => p.Name));
        Assert.Equal(exchange, truth.GetProperty("exchange").GetString());
        Assert.Equal(symbol, truth.GetProperty("symbol").GetString());
        Assert.All(truth.GetProperty("bids").EnumerateArray(), l => Assert.Matches(level, l.GetRawText()));
        Assert.Equal(2, truth.GetProperty("asks").GetArrayLength());
    }

    [Theory]
    [InlineData("/truth/bitstamp/BTCUSD", HttpStatusCode.NotFound, "exchange must be one the simulator serves: exchange=bitstamp (use binance or coinbase or kraken)")]
    [InlineData("/truth/kraken/BTC-USDT", HttpStatusCode.NotFound, "symbol must be one kraken serves here: symbol=BTC-USDT (use BTC/USD, ETH/USD)")]
    [InlineData("/truth/binance/DOGEUSDT", HttpStatusCode.NotFound, "symbol must be one binance serves here: symbol=DOGEUSDT (use BTCUSDT, ETHUSDT, BTCUSD, ETHUSD)")]
    [InlineData("/truth/binance/BTCUSDT?depth=0", HttpStatusCode.BadRequest, "depth must be a positive integer: depth=0 (omit it for the whole book)")]
    [InlineData("/truth/binance/BTCUSDT?at=12", HttpStatusCode.Gone, "at must be within the retained history: at=12 oldest=1000000 (ask sooner, or raise SIM_HISTORY)")]
    [InlineData("/truth/binance/BTCUSDT?at=999999999999", HttpStatusCode.Conflict, "at must not be beyond the book's last update id: at=999999999999")]
    public async Task ShouldExplainTruthRequestsItCannotAnswer(string path, HttpStatusCode status, string message)
    {
        await using var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 10, Depth = 100 });

        using var response = await simulator.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
