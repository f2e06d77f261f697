using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Faults;

/// <summary>Each fault kind on Kraken's book channel, as a client following Kraken's checksum guide sees it, and counted.</summary>
public class KrakenFaultTests
{
    private const int Frames = 80;

    [Fact]
    public async Task ShouldDropUpdatesSoTheChecksumNoLongerMatches()
    {
        var (frames, simulator) = await ReceiveAsync("gap:every=5,count=5");
        await using var _ = simulator;

        Assert.Contains(frames, f => !f.ChecksumMatched);
        var records = await FaultReport.RecordsAsync(simulator, "gap", 5);
        Assert.All(records, r => Assert.Equal("kraken", r.GetProperty("exchange").GetString()));
        Assert.All(records, r => Assert.Equal("BTC/USD", r.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task ShouldSendAnUpdateTwice()
    {
        var (frames, simulator) = await ReceiveAsync("dup:after=20");
        await using var _ = simulator;

        Assert.Single(frames.Zip(frames.Skip(1)), p => p.First.Text == p.Second.Text);
        await FaultReport.RecordsAsync(simulator, "dup", 1);
    }

    [Fact]
    public async Task ShouldSendAnUpdateAfterTheOneThatFollowsIt()
    {
        var (frames, simulator) = await ReceiveAsync("reorder:after=20");
        await using var _ = simulator;

        Assert.Single(frames.Zip(frames.Skip(1)), p => p.Second.UpdateId < p.First.UpdateId);
        await FaultReport.RecordsAsync(simulator, "reorder", 1);
    }

    [Fact]
    public async Task ShouldSendAWrongChecksumWithIntactLevels()
    {
        var (frames, simulator) = await ReceiveAsync("corrupt:after=20");
        await using var _ = simulator;

        // The levels are right, so the client's book recovers at the next update: exactly one mismatch.
        Assert.Single(frames, f => !f.ChecksumMatched);
        await FaultReport.RecordsAsync(simulator, "corrupt", 1);
    }

    [Fact]
    public async Task ShouldSendATruncatedFrameBeforeTheIntactOne()
    {
        var (frames, simulator) = await ReceiveAsync("malformed:after=20");
        await using var _ = simulator;

        var index = frames.FindIndex(f => f.Malformed);
        Assert.StartsWith(frames[index].Text, frames[index + 1].Text, StringComparison.Ordinal);
        Assert.All(frames.Where(f => !f.Malformed), f => Assert.True(f.ChecksumMatched));
        await FaultReport.RecordsAsync(simulator, "malformed", 1);
    }

    [Fact]
    public async Task ShouldStallWithoutLosingAnything()
    {
        var (frames, simulator) = await ReceiveAsync("stall:after=20,ms=300");
        await using var _ = simulator;

        Assert.All(frames, f => Assert.True(f.ChecksumMatched));
        await FaultReport.RecordsAsync(simulator, "stall", 1);
    }

    [Fact]
    public async Task ShouldDisconnectWithoutACloseHandshake()
    {
        await using var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 200 });
        using var socket = await SubscribeAsync(simulator, "disconnect:after=5");

        await FaultReport.AssertAbortedAsync(socket);
        await FaultReport.RecordsAsync(simulator, "disconnect", 1);
    }

    private static async Task<ClientWebSocket> SubscribeAsync(RunningSimulator simulator, string fault)
    {
        var socket = await simulator.ConnectAsync($"/kraken/v2?updateIds=true&fault={fault}");
        await ReceiveJsonAsync(socket);
        await SendTextAsync(socket, """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10}}""");
        await ReceiveJsonAsync(socket);
        return socket;
    }

    private static async Task<(List<Frame> Frames, RunningSimulator Simulator)> ReceiveAsync(string fault)
    {
        var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 200 });
        using var socket = await SubscribeAsync(simulator, fault);
        var book = new KrakenReferenceBook(10);
        var frames = new List<Frame>();
        while (frames.Count < Frames)
        {
            var text = (await ReceiveTextAsync(socket))!;
            if (text.StartsWith("{\"channel\":\"heartbeat\"", StringComparison.Ordinal))
            {
                continue;
            }
            try
            {
                using var json = JsonDocument.Parse(text);
                var matched = book.Apply(json.RootElement);
                frames.Add(new Frame(text, book.UpdateId, matched, false));
            }
            catch (JsonException)
            {
                frames.Add(new Frame(text, 0, true, true));
            }
        }
        return (frames, simulator);
    }

    private sealed record Frame(string Text, long UpdateId, bool ChecksumMatched, bool Malformed);
}
