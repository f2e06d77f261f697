using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Exchanges;

/// <summary>
/// The contract collectors rely on for the venues without a book sequence: snapshot plus updates, applied
/// as each venue documents, reproduce the simulator's truth at the update id the frames report
/// (<c>sim_update_id</c>, opt-in with <c>?updateIds=true</c>).
/// </summary>
public class VenueBookSyncTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public async Task ShouldReproduceTruthFromKrakenSnapshotAndUpdatesTruncatedToDepth(int depth)
    {
        await using var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 300, Seed = 5 });
        using var socket = await simulator.ConnectAsync("/kraken/v2?updateIds=true");
        await ReceiveJsonAsync(socket);
        await SendTextAsync(socket, "{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"BTC/USD\"],\"depth\":" + depth + "}}");
        await ReceiveJsonAsync(socket);
        var book = new KrakenReferenceBook(depth);

        for (var checkpoint = 0; checkpoint < 3; checkpoint++)
        {
            for (var i = 0; i < 700; i++)
            {
                Assert.True(book.Apply(await ReceiveUntilAsync(socket, IsBook)), "checksum mismatch");
            }
            var truth = await simulator.GetJsonAsync($"/truth/kraken/BTC%2FUSD?depth={depth}&at={book.UpdateId}");

            Assert.Equal(KrakenReferenceBook.LevelsOf(truth.GetProperty("bids")), book.Book.Bids);
            Assert.Equal(KrakenReferenceBook.LevelsOf(truth.GetProperty("asks")), book.Book.Asks);
        }
    }

    [Fact]
    public async Task ShouldReproduceTruthFromCoinbaseSnapshotAndL2Updates()
    {
        await using var simulator = await RunningSimulator.StartAsync(new SimulatorSettings { Rate = 20_000, Depth = 300, Seed = 6 });
        using var socket = await simulator.ConnectAsync("/coinbase?updateIds=true");
        await SendTextAsync(socket, """{"type":"subscribe","product_ids":["ETH-USD"],"channels":["level2_batch"]}""");
        var book = new CoinbaseReferenceBook();

        for (var checkpoint = 0; checkpoint < 3; checkpoint++)
        {
            for (var i = 0; i < 700; i++)
            {
                book.Apply(await ReceiveJsonAsync(socket));
            }
            var truth = await simulator.GetJsonAsync($"/truth/coinbase/ETH-USD?at={book.UpdateId}");

            Assert.Equal(CoinbaseReferenceBook.LevelsOf(truth.GetProperty("bids")), book.Book.Bids);
            Assert.Equal(CoinbaseReferenceBook.LevelsOf(truth.GetProperty("asks")), book.Book.Asks);
        }
    }

    private static bool IsBook(System.Text.Json.JsonElement message) =>
        message.TryGetProperty("channel", out var channel) && channel.GetString() == "book";
}
