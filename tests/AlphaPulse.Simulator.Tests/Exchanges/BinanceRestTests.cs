using System.Net;
using System.Text.Json;
using AlphaPulse.Simulator.Tests.Support;

namespace AlphaPulse.Simulator.Tests.Exchanges;

/// <summary>GET /api/v3/depth: rest-api.md "Order book" limits and errors.md error bodies.</summary>
public class BinanceRestTests
{
    [Fact]
    public async Task ShouldReturnDocumentedSnapshotShapeWithDefaultLimitOfOneHundred()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        var snapshot = await simulator.GetJsonAsync("/api/v3/depth?symbol=BTCUSDT");

        Assert.Equal(["lastUpdateId", "bids", "asks"], snapshot.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, snapshot.GetProperty("lastUpdateId").ValueKind);
        Assert.Equal(100, snapshot.GetProperty("bids").GetArrayLength());
        Assert.Equal(100, snapshot.GetProperty("asks").GetArrayLength());
        var bids = ReferenceBook.LevelsOf(snapshot.GetProperty("bids")).Select(l => decimal.Parse(l[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(bids.OrderDescending(), bids);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("1", 1)]
    [InlineData("999999", 1000)]
    public async Task ShouldHonourTheLimitAndTruncateAboveFiveThousand(string limit, int expected)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        var snapshot = await simulator.GetJsonAsync($"/api/v3/depth?symbol=ETHUSDT&limit={limit}");

        // With SIM_DEPTH=1000 a side holds 1000 to 1100 levels, all of which fit under the 5000 cap.
        Assert.InRange(snapshot.GetProperty("asks").GetArrayLength(), expected, expected == 1000 ? 1100 : expected);
    }

    [Theory]
    [InlineData("symbol=DOGEUSDT", -1121, "Invalid symbol.")]
    [InlineData("limit=5", -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")]
    [InlineData("symbol=BTCUSDT&limit=abc", -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.")]
    [InlineData("symbol=BTCUSDT&limit=-5", -1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.")]
    [InlineData("symbol=BTCUSDT&limit=0", -1130, "Data sent for parameter 'limit' is not valid.")]
    public async Task ShouldAnswerBadParametersWithBinanceErrorsAndStatus400(string query, int code, string message)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.Http.GetAsync($"/api/v3/depth?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($$"""{"code":{{code}},"msg":"{{message}}"}""", await response.Content.ReadAsStringAsync());
    }
}
