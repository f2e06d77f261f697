using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Faults;

/// <summary>Each fault kind on Coinbase's matches channel, as a client tracking trade ids and sequences sees it, and counted.</summary>
public class CoinbaseFaultTests
{
    private const int Frames = 40;

    [Fact]
    public async Task ShouldDropAMatchSoATradeIdIsSkipped()
    {
        var (frames, simulator) = await ReceiveAsync("gap:after=10");
        await using var _ = simulator;

        var skip = Assert.Single(Pairs(frames), p => p.Second.TradeId != p.First.TradeId + 1);
        Assert.Equal(skip.First.TradeId + 2, skip.Second.TradeId);
        var record = Assert.Single(await FaultReport.RecordsAsync(simulator, "gap", 1));
        Assert.Equal("coinbase", record.GetProperty("exchange").GetString());
        Assert.Equal(skip.First.TradeId + 1, record.GetProperty("firstUpdateId").GetInt64());
    }

    [Fact]
    public async Task ShouldSendAMatchTwice()
    {
        var (frames, simulator) = await ReceiveAsync("dup:after=10");
        await using var _ = simulator;

        Assert.Single(Pairs(frames), p => p.First.Text == p.Second.Text);
        await FaultReport.RecordsAsync(simulator, "dup", 1);
    }

    [Fact]
    public async Task ShouldSendAMatchAfterTheOneThatFollowsIt()
    {
        var (frames, simulator) = await ReceiveAsync("reorder:after=10");
        await using var _ = simulator;

        var swapped = Assert.Single(Pairs(frames), p => p.Second.TradeId < p.First.TradeId);
        Assert.Equal(swapped.First.TradeId - 1, swapped.Second.TradeId);
        await FaultReport.RecordsAsync(simulator, "reorder", 1);
    }

    [Fact]
    public async Task ShouldCorruptASequenceSoItStopsIncreasing()
    {
        var (frames, simulator) = await ReceiveAsync("corrupt:after=10");
        await using var _ = simulator;

        // The corrupt match repeats the previous match's sequence; trade ids stay intact.
        Assert.Single(Pairs(frames), p => p.Second.Sequence <= p.First.Sequence);
        Assert.All(Pairs(frames), p => Assert.Equal(p.First.TradeId + 1, p.Second.TradeId));
        await FaultReport.RecordsAsync(simulator, "corrupt", 1);
    }

    [Fact]
    public async Task ShouldSendATruncatedFrameBeforeTheIntactOne()
    {
        var (frames, simulator) = await ReceiveAsync("malformed:after=10");
        await using var _ = simulator;

        var index = frames.FindIndex(f => f.Malformed);
        Assert.StartsWith(frames[index].Text, frames[index + 1].Text, StringComparison.Ordinal);
        Assert.All(Pairs(frames), p => Assert.Equal(p.First.TradeId + 1, p.Second.TradeId));
        await FaultReport.RecordsAsync(simulator, "malformed", 1);
    }

    [Fact]
    public async Task ShouldStallWithoutLosingAnything()
    {
        var (frames, simulator) = await ReceiveAsync("stall:after=10,ms=300");
        await using var _ = simulator;

        Assert.All(Pairs(frames), p => Assert.Equal(p.First.TradeId + 1, p.Second.TradeId));
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
        var socket = await simulator.ConnectAsync($"/coinbase?fault={fault}");
        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["BTC-USD"],"channels":["matches"]}""");
        await ReceiveTextAsync(socket);
        return socket;
    }

    private static async Task<(List<Frame> Frames, RunningSimulator Simulator)> ReceiveAsync(string fault)
    {
        var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 200 });
        using var socket = await SubscribeAsync(simulator, fault);
        var frames = new List<Frame>();
        while (frames.Count < Frames)
        {
            var text = (await ReceiveTextAsync(socket))!;
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                frames.Add(new Frame(text, root.GetProperty("trade_id").GetInt64(), root.GetProperty("sequence").GetInt64(), false));
            }
            catch (JsonException)
            {
                frames.Add(new Frame(text, 0, 0, true));
            }
        }
        return (frames, simulator);
    }

    /// <summary>Consecutive matches (the last_match included), leaving out the truncated frames.</summary>
    private static IEnumerable<(Frame First, Frame Second)> Pairs(List<Frame> frames)
    {
        var parsed = frames.Where(f => !f.Malformed).ToList();
        return parsed.Zip(parsed.Skip(1));
    }

    private sealed record Frame(string Text, long TradeId, long Sequence, bool Malformed);
}
