using System.Text.Json;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.WebSocketServer.Markets;
using AlphaPulse.WebSocketServer.Protocol;
using AlphaPulse.WebSocketServer.Tests.Markets;

namespace AlphaPulse.WebSocketServer.Tests;

/// <summary>Unit tests of the top-N diff that every book delta is made of.</summary>
public sealed class DepthViewTests
{
    [Fact]
    public void ShouldProduceDeltasThatTurnThePublishedTopIntoTheBookTopUnderRandomChanges()
    {
        var random = new Random(5);
        var book = new OrderBook();
        var view = new DepthView(10, null!);
        var client = new SortedDictionary<long, long>[] { new(), new() };
        for (var step = 0; step < 5_000; step++)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var price = side == BookSide.Bid ? 1000 - random.Next(1, 40) : 1000 + random.Next(1, 40);
            book.Apply(side, price, random.Next(4) == 0 ? 0 : random.Next(1, 50));
            if (!view.Advance(book))
            {
                continue;
            }

            Apply(client[0], view.ChangedBids);
            Apply(client[1], view.ChangedAsks);
            Assert.Equal(Top(book, BookSide.Bid), client[0].OrderByDescending(level => level.Key).Select(level => new PriceLevel(level.Key, level.Value)));
            Assert.Equal(Top(book, BookSide.Ask), client[1].OrderBy(level => level.Key).Select(level => new PriceLevel(level.Key, level.Value)));
        }
    }

    [Fact]
    public void ShouldSendLevelsThatLeaveTheTopWithSizeZero()
    {
        var book = new OrderBook();
        var view = new DepthView(1, null!);
        book.Apply(BookSide.Ask, 101, 5);
        view.Advance(book);

        book.Apply(BookSide.Ask, 100, 7);
        view.Advance(book);

        Assert.Equal([new PriceLevel(100, 7), new PriceLevel(101, 0)], view.ChangedAsks.ToArray());
    }

    [Fact]
    public void ShouldSendOnlyTheLevelsWhoseSizeChanged()
    {
        var book = new OrderBook();
        var view = new DepthView(10, null!);
        book.Apply(BookSide.Bid, 100, 1);
        book.Apply(BookSide.Bid, 99, 2);
        book.Apply(BookSide.Bid, 98, 3);
        book.Apply(BookSide.Ask, 101, 4);
        view.Advance(book);

        book.Apply(BookSide.Bid, 99, 5);

        Assert.True(view.Advance(book));
        Assert.Equal([new PriceLevel(99, 5)], view.ChangedBids.ToArray());
        Assert.True(view.ChangedAsks.IsEmpty);
        Assert.False(view.Advance(book));
    }

    [Fact]
    public void ShouldShareOneSnapshotPerSequenceEncodingAndSyncState()
    {
        using var markets = new MarketsFixture();
        var encoder = new MarketEncoder();
        var view = markets.Btc.View(10)!;

        view.Snapshot(WireEncoding.Json, encoder, synced: false);
        var synced = view.Snapshot(WireEncoding.Json, encoder, synced: true);

        Assert.Same(synced, view.Snapshot(WireEncoding.Json, encoder, synced: true));
        using var json = JsonDocument.Parse(synced.Memory);
        Assert.True(json.RootElement.GetProperty("synced").GetBoolean());
        Assert.Equal(2, encoder.Encodings);
    }

    [Theory]
    [InlineData(6701234000000, 8, "67012.34")]
    [InlineData(500000000, 8, "5")]
    [InlineData(-150, 2, "-1.5")]
    [InlineData(0, 4, "0")]
    [InlineData(42, 0, "42")]
    [InlineData(100, 0, "100")]
    [InlineData(1000, 2, "10")]
    [InlineData(-100, 2, "-1")]
    public void ShouldFormatFixedPointWithoutTrailingZeros(long value, int scale, string expected)
    {
        Span<byte> text = stackalloc byte[AlphaPulse.Core.FixedPoint.MaxFormattedLength];
        var length = MarketEncoder.FormatTrimmed(value, scale, text);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(text[..length]));
    }

    private static void Apply(SortedDictionary<long, long> side, ReadOnlySpan<PriceLevel> changes)
    {
        foreach (var level in changes)
        {
            if (level.Size == 0)
            {
                side.Remove(level.Price);
            }
            else
            {
                side[level.Price] = level.Size;
            }
        }
    }

    private static PriceLevel[] Top(OrderBook book, BookSide side)
    {
        var levels = new PriceLevel[10];
        return levels[..book.CopyTop(side, levels)];
    }
}
