using System.Net.WebSockets;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Core.Books;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Collector.Tests.Adapters;

/// <summary>The pieces every adapter shares: level batches, symbol tables, and the request sender when its connection fails.</summary>
public sealed class SharedPartsTests
{
    [Fact]
    public void ShouldGiveEachSideItsOwnLevelsAndRefuseAnEmptyCapacity()
    {
        var levels = new LevelBatch(1);
        levels.Add(BookSide.Bid, 100, 1);
        levels.Add(BookSide.Ask, 101, 2);
        levels.Add(BookSide.Ask, 102, 3);

        Assert.Equal([new PriceLevel(100, 1)], levels.Side(BookSide.Bid).ToArray());
        Assert.Equal([new PriceLevel(101, 2), new PriceLevel(102, 3)], levels.Side(BookSide.Ask).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LevelBatch(0));
    }

    [Fact]
    public void ShouldRefuseASymbolTableWithoutInstrumentsOrSpelling()
    {
        InstrumentBinding[] instruments = [new(0, new SymbolName("BTC", "USD"), "BTC-USD")];

        Assert.Throws<ArgumentNullException>(() => new SymbolTable(null!, static i => i.ExchangeSymbol));
        Assert.Throws<ArgumentNullException>(() => new SymbolTable(instruments, null!));
    }

    [Fact]
    public async Task ShouldStopSendingQuietlyWhenTheConnectionFails()
    {
        var requests = new RequestSender();
        var sending = requests.RunAsync(new FailingSender(), CancellationToken.None);

        requests.Post("{}"u8.ToArray());

        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sending.IsCompletedSuccessfully);
        Assert.Equal(0, requests.Sent);
        Assert.Throws<ArgumentNullException>(() => { _ = requests.RunAsync(null!, CancellationToken.None); });
    }

    private sealed class FailingSender : IFeedSender
    {
        public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) =>
            ValueTask.FromException(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
    }
}
