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
    [InlineData("/truth/kraken/BTCUSDT", HttpStatusCode.NotFound, "exchange must be one the simulator serves: exchange=kraken (use binance)")]
    [InlineData("/truth/binance/DOGEUSDT", HttpStatusCode.NotFound, "symbol must be one binance serves here: symbol=DOGEUSDT (use BTCUSDT, ETHUSDT)")]
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
