using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Faults;

/// <summary>Each fault kind is visible in the stream the way a collector would see it, and counted.</summary>
public class FaultInjectionTests
{
    private const int Frames = 60;

    [Fact]
    public async Task ShouldDropAMessageAsASequenceGap()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("gap:after=20");
        await using var _ = simulator;

        var gap = Assert.Single(Pairs(frames), p => p.Next.U > p.Previous.u + 1);
        var record = await SingleRecordAsync(simulator, "gap");
        Assert.Equal(gap.Previous.u + 1, record.GetProperty("firstUpdateId").GetInt64());
    }

    [Fact]
    public async Task ShouldSendAMessageTwice()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("dup:after=20");
        await using var _ = simulator;

        Assert.Single(Pairs(frames), p => p.Next.Text == p.Previous.Text);
        await SingleRecordAsync(simulator, "dup");
    }

    [Fact]
    public async Task ShouldSendAMessageAfterTheOneThatFollowsIt()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("reorder:after=20");
        await using var _ = simulator;

        var swapped = Assert.Single(Pairs(frames), p => p.Next.u < p.Previous.U);
        Assert.Equal(swapped.Previous.U, swapped.Next.u + 1);
        await SingleRecordAsync(simulator, "reorder");
    }

    [Fact]
    public async Task ShouldBreakUpdateIdContinuityWithoutLosingLevels()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("corrupt:after=20");
        await using var _ = simulator;

        // The shifted event claims U = previous u + 2; the intact event after it then overlaps it by one id.
        var pairs = Pairs(frames).Where(p => p.Next.U != p.Previous.u + 1).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Equal(pairs[0].Previous.u + 2, pairs[0].Next.U);
        Assert.Equal(pairs[1].Previous.u, pairs[1].Next.U);
        var record = await SingleRecordAsync(simulator, "corrupt");
        Assert.Equal(pairs[0].Next.U - 1, record.GetProperty("firstUpdateId").GetInt64());
    }

    [Fact]
    public async Task ShouldSendATruncatedFrameBeforeTheIntactOne()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("malformed:after=20");
        await using var _ = simulator;

        var index = frames.FindIndex(f => f.Malformed);
        Assert.True(index >= 0, "no malformed frame arrived");
        Assert.StartsWith(frames[index].Text, frames[index + 1].Text, StringComparison.Ordinal);
        Assert.Equal(frames[index - 1].u + 1, frames[index + 1].U);
        await SingleRecordAsync(simulator, "malformed");
    }

    [Fact]
    public async Task ShouldStallWithoutLosingOrClosing()
    {
        var (frames, simulator) = await ReceiveWithFaultAsync("stall:after=20,ms=300");
        await using var _ = simulator;

        Assert.All(Pairs(frames), p => Assert.Equal(p.Previous.u + 1, p.Next.U));
        await SingleRecordAsync(simulator, "stall");
    }

    [Fact]
    public async Task ShouldDisconnectWithoutACloseHandshake()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync("/ws/btcusdt@depth?fault=disconnect:after=5");

        await FaultReport.AssertAbortedAsync(socket);
        await SingleRecordAsync(simulator, "disconnect");
    }

    [Fact]
    public async Task ShouldApplyControlEndpointFaultsToEveryConnectionUntilCleared()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var posted = await simulator.Http.PostAsJsonAsync("/control/faults", new { kind = "gap", after = 10, symbol = "BTCUSDT" });
        posted.EnsureSuccessStatusCode();
        using var socket = await simulator.ConnectAsync("/ws/btcusdt@depth");

        var frames = await ReceiveAsync(socket, 30);

        Assert.Single(Pairs(frames), p => p.Next.U > p.Previous.u + 1);
        var report = await simulator.GetJsonAsync("/control/faults");
        Assert.Equal("gap", report.GetProperty("rules")[0].GetProperty("kind").GetString());
        Assert.Equal(1, report.GetProperty("bySymbol").GetProperty("BTCUSDT").GetProperty("gap").GetInt64());
        using var cleared = await simulator.Http.DeleteAsync("/control/faults");
        Assert.Equal(0, (await simulator.GetJsonAsync("/control/faults")).GetProperty("rules").GetArrayLength());
    }

    [Theory]
    [InlineData("/control/faults", """{"kind":"gap"}""")]
    [InlineData("/control/faults", """{"kind":"meteor","every":5}""")]
    public async Task ShouldRejectAnInvalidControlRule(string path, string body)
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ShouldRejectAnInvalidFaultQueryWithTheRule()
    {
        await using var simulator = await RunningSimulator.StartAsync();

        using var response = await simulator.Http.GetAsync("/ws/btcusdt@depth?fault=gap:sometimes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("fault option must be every=N, after=N, count=N, ms=N or symbol=S", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(List<Frame> Frames, RunningSimulator Simulator)> ReceiveWithFaultAsync(string fault)
    {
        var simulator = await RunningSimulator.StartAsync();
        using var socket = await simulator.ConnectAsync($"/ws/btcusdt@depth@100ms?fault={fault}");
        return (await ReceiveAsync(socket, Frames), simulator);
    }

    private static async Task<List<Frame>> ReceiveAsync(WebSocket socket, int count)
    {
        var frames = new List<Frame>();
        while (frames.Count < count)
        {
            var text = (await ReceiveTextAsync(socket))!;
            try
            {
                using var json = JsonDocument.Parse(text);
                frames.Add(new Frame(text, json.RootElement.GetProperty("U").GetInt64(), json.RootElement.GetProperty("u").GetInt64(), false));
            }
            catch (JsonException)
            {
                frames.Add(new Frame(text, 0, 0, true));
            }
        }
        return frames;
    }

    private static IEnumerable<(Frame Previous, Frame Next)> Pairs(List<Frame> frames)
    {
        var parsed = frames.Where(f => !f.Malformed).ToList();
        return parsed.Zip(parsed.Skip(1));
    }

    private static async Task<JsonElement> SingleRecordAsync(RunningSimulator simulator, string kind)
    {
        var report = await simulator.GetJsonAsync("/control/faults");
        Assert.Equal(1, report.GetProperty("injected").GetProperty(kind).GetInt64());
        return Assert.Single(report.GetProperty("recent").EnumerateArray());
    }

    private sealed record Frame(string Text, long U, long u, bool Malformed);
}
