using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>Snapshot then deltas must reproduce the book the writer put into shared memory.</summary>
public sealed class BookConsistencyTests
{
    private const int Depth = 10;

    [Fact]
    public async Task ShouldSendSnapshotThenDeltasThatReproduceTheRingBook()
    {
        await using var server = await TestServer.StartAsync();
        var (ring, model, random, client, book) = await SubscribeToBookAsync(server, "binance", "BTCUSDT", seed: 6);
        using var disposeRing = ring;
        using var disposeClient = client;

        for (var batch = 0; batch < 300; batch++)
        {
            PublishRandomDelta(ring, model, random);
        }

        var marker = PublishMarker(ring, model);
        await ApplyUntilAsync(client, book, marker);

        Assert.Equal(0, book.Gaps);
        Assert.Equal(ClientBook.Top(model, BookSide.Bid, Depth), book.Top(bids: true, Depth));
        Assert.Equal(ClientBook.Top(model, BookSide.Ask, Depth), book.Top(bids: false, Depth));
    }

    [Fact]
    public async Task ShouldAnswerResnapshotWithTheCurrentBookAtTheCurrentSequence()
    {
        await using var server = await TestServer.StartAsync();
        var (ring, model, random, client, book) = await SubscribeToBookAsync(server, "binance", "BTCUSDT", seed: 7);
        using var disposeRing = ring;
        using var disposeClient = client;
        for (var batch = 0; batch < 50; batch++)
        {
            PublishRandomDelta(ring, model, random);
        }

        await ApplyUntilAsync(client, book, PublishMarker(ring, model));

        // A client that detected a gap asks again; it must get the same book at the same sequence.
        await client.SendAsync(new { op = "resnapshot", channel = "book", exchange = "binance", symbol = "BTCUSDT", depth = Depth, id = 9 });
        var snapshot = await client.ReceiveTypeAsync("book_snapshot");
        var fresh = new ClientBook();
        fresh.Apply(snapshot);

        Assert.Equal(book.Seq, snapshot.Seq);
        Assert.Equal(book.Top(bids: true, Depth), fresh.Top(bids: true, Depth));
        Assert.Equal(book.Top(bids: false, Depth), fresh.Top(bids: false, Depth));
    }

    [Fact]
    public async Task ShouldRebuildTheBookFromTheNewSnapshotAfterAWriterRestart()
    {
        await using var server = await TestServer.StartAsync();
        var (ring, model, _, client, book) = await SubscribeToBookAsync(server, "kraken", "BTC/USD", seed: 8);
        using var disposeRing = ring;
        using var disposeClient = client;

        // The collector dies and restarts (new epoch) with a different book, published as a snapshot first.
        ring.Restart();
        model.Clear();
        PublishSnapshot(ring, model, new Random(99), mid: 20_000);
        await ApplyUntilAsync(client, book, PublishMarker(ring, model));

        Assert.Equal(0, book.Gaps);
        Assert.Equal(ClientBook.Top(model, BookSide.Bid, Depth), book.Top(bids: true, Depth));
        Assert.Equal(ClientBook.Top(model, BookSide.Ask, Depth), book.Top(bids: false, Depth));
    }

    /// <summary>A ring with a snapshot already published, a client subscribed to its depth-10 book, and the snapshot applied.</summary>
    private static async Task<(TestRing Ring, OrderBook Model, Random Random, TestClient Client, ClientBook Book)> SubscribeToBookAsync(TestServer server, string exchange, string symbol, int seed)
    {
        var ring = new TestRing(server.RingDirectory, exchange, symbol);
        var model = new OrderBook();
        var random = new Random(seed);
        PublishSnapshot(ring, model, random);
        await server.WaitForExchangeAsync(exchange);
        var client = await server.ConnectAsync();
        await client.SubscribeAsync("book", exchange, symbol, Depth);
        var book = new ClientBook();
        book.Apply(await client.ReceiveTypeAsync("book_snapshot"));
        return (ring, model, random, client, book);
    }

    /// <summary>Applies book messages until the marker level (a bid at price 1) shows up.</summary>
    internal static Task ApplyUntilAsync(TestClient client, ClientBook book, decimal markerSize) =>
        client.ReceiveUntilAsync($"the marker bid of size {markerSize}", frame =>
        {
            if (frame.Kind != System.Net.WebSockets.WebSocketMessageType.Text || frame.Type is not ("book_delta" or "book_snapshot"))
            {
                return false;
            }

            book.Apply(frame);
            var top = book.Top(bids: true, 1);
            return top.Length == 1 && top[0].Size == markerSize && top[0].Price == MarkerPrice;
        });

    private const decimal MarkerPrice = 1_000_000m;

    /// <summary>A best bid far above the book with a unique size: when the client sees it, every earlier delta has been applied.</summary>
    internal static decimal PublishMarker(TestRing ring, OrderBook model)
    {
        var size = 7.0001m;
        var level = new PriceLevel(TestRing.Price(MarkerPrice), TestRing.Size(size));
        model.Apply(BookSide.Bid, level.Price, level.Size);
        ring.Delta(0, [level], []);
        return size;
    }

    internal static void PublishSnapshot(TestRing ring, OrderBook model, Random random, int mid = 10_000)
    {
        var bids = Enumerable.Range(1, 40).Select(i => new PriceLevel(TestRing.Price(mid - i), TestRing.Size(random.Next(1, 100)))).ToArray();
        var asks = Enumerable.Range(1, 40).Select(i => new PriceLevel(TestRing.Price(mid + i), TestRing.Size(random.Next(1, 100)))).ToArray();
        foreach (var level in bids)
        {
            model.Apply(BookSide.Bid, level.Price, level.Size);
        }

        foreach (var level in asks)
        {
            model.Apply(BookSide.Ask, level.Price, level.Size);
        }

        ring.Snapshot(0, bids, asks);
    }

    internal static void PublishModelSnapshot(TestRing ring, OrderBook model)
    {
        var bids = new PriceLevel[model.BidCount];
        var asks = new PriceLevel[model.AskCount];
        model.CopyTop(BookSide.Bid, bids);
        model.CopyTop(BookSide.Ask, asks);
        ring.Snapshot(0, bids, asks);
    }

    internal static void PublishRandomDelta(TestRing ring, OrderBook model, Random random, int mid = 10_000)
    {
        var bids = new List<PriceLevel>();
        var asks = new List<PriceLevel>();
        for (var change = random.Next(1, 5); change > 0; change--)
        {
            var bid = random.Next(2) == 0;
            var offset = random.Next(1, 30);
            var price = TestRing.Price(bid ? mid - offset : mid + offset);
            var size = random.Next(3) == 0 ? 0 : TestRing.Size(random.Next(1, 100));
            var side = bid ? bids : asks;
            if (side.Exists(level => level.Price == price))
            {
                continue;
            }

            side.Add(new PriceLevel(price, size));
            model.Apply(bid ? BookSide.Bid : BookSide.Ask, price, size);
        }

        ring.Delta(0, [.. bids], [.. asks]);
    }
}
