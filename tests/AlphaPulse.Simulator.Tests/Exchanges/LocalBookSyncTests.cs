using System.Net.WebSockets;
using System.Text.Json;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Market;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Exchanges;

/// <summary>
/// The contract collectors rely on: Binance's local-order-book procedure over the simulator's snapshot and
/// diff stream reproduces the simulator's truth exactly, at every update id the client reaches.
/// </summary>
public class LocalBookSyncTests
{
    [Fact]
    public async Task ShouldReproduceTruthFromSnapshotPlusDiffEvents()
    {
        await using var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 1000, Seed = 9 });
        using var socket = await simulator.ConnectAsync("/ws/btcusdt@depth@100ms");
        var buffered = new List<JsonElement>();
        for (var i = 0; i < 50; i++)
        {
            buffered.Add(await NextAsync(socket));
        }
        var book = new ReferenceBook();
        book.LoadSnapshot(await simulator.GetJsonAsync("/api/v3/depth?symbol=BTCUSDT&limit=5000"));
        Assert.True(book.LastUpdateId >= buffered[0].GetProperty("U").GetInt64() - 1, "the snapshot must not predate the first buffered event");
        buffered.ForEach(e => book.Apply(e));

        for (var checkpoint = 0; checkpoint < 3; checkpoint++)
        {
            for (var i = 0; i < 1500; i++)
            {
                book.Apply(await NextAsync(socket));
            }
            var truth = await simulator.GetJsonAsync($"/truth/binance/BTCUSDT?at={book.LastUpdateId}");

            Assert.Equal(book.LastUpdateId, truth.GetProperty("lastUpdateId").GetInt64());
            Assert.Equal(ReferenceBook.LevelsOf(truth.GetProperty("bids")), book.Bids);
            Assert.Equal(ReferenceBook.LevelsOf(truth.GetProperty("asks")), book.Asks);
        }
    }

    [Fact]
    public async Task ShouldProduceTheSameStreamOnTwoSimulatorsWithTheSameSeed()
    {
        var settings = new SimulatorSettings { Rate = 5000, Depth = 500, Seed = 77, Instruments = [.. InstrumentCatalog.All.Where(i => i.Quote == "USDT")] };
        await using var first = await RunningSimulator.StartAsync(settings, new FixedTime());
        await using var second = await RunningSimulator.StartAsync(settings, new FixedTime());
        using var a = await first.ConnectAsync("/ws/ethusdt@depth");
        using var b = await second.ConnectAsync("/ws/ethusdt@depth");

        // The two servers start, and the connections join, at different moments: read both side by side
        // until they have seen enough of the same update ids (the later one catches up with the earlier
        // one's history), then those frames must be identical byte for byte.
        var fromA = new Dictionary<long, string>();
        var fromB = new Dictionary<long, string>();
        var common = new List<long>();
        for (var i = 0; i < 20_000 && common.Count < 200; i++)
        {
            var (frameA, frameB) = (NextFrameAsync(a), NextFrameAsync(b));
            var (idA, textA) = await frameA;
            var (idB, textB) = await frameB;
            fromA[idA] = textA;
            fromB[idB] = textB;
            if (fromB.ContainsKey(idA))
            {
                common.Add(idA);
            }
            if (idB != idA && fromA.ContainsKey(idB))
            {
                common.Add(idB);
            }
        }

        Assert.True(common.Count >= 200, $"only {common.Count} update ids seen by both connections");
        Assert.All(common, u => Assert.Equal(fromA[u], fromB[u]));
    }

    private static async Task<(long UpdateId, string Text)> NextFrameAsync(WebSocket socket)
    {
        var text = (await ReceiveTextAsync(socket))!;
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("U").GetInt64(), text);
    }

    private static async Task<JsonElement> NextAsync(WebSocket socket)
    {
        using var json = JsonDocument.Parse((await ReceiveTextAsync(socket))!);
        return json.RootElement.Clone();
    }
}
