using AlphaPulse.Collector.Pipeline;

namespace AlphaPulse.Collector.Tests.Pipeline;

/// <summary>Each trade id passes once per instrument; skips ahead pass and are counted as gaps.</summary>
public sealed class TradeDeduplicatorTests
{
    [Fact]
    public void ShouldPassEachIdOnceAndRefuseRepeatsAndOlderIds()
    {
        var counters = new FeedCounters();
        var trades = new TradeDeduplicator(instruments: 2, counters);

        Assert.True(trades.IsNew(0, 10));
        Assert.True(trades.IsNew(0, 11));
        Assert.False(trades.IsNew(0, 11));
        Assert.False(trades.IsNew(0, 9));
        Assert.True(trades.IsNew(1, 11));
        Assert.Equal(0, counters.TradeGaps);
    }

    [Fact]
    public void ShouldCountASkipAheadAsAGapButNotTheFirstTradeSeen()
    {
        var counters = new FeedCounters();
        var trades = new TradeDeduplicator(instruments: 1, counters);

        Assert.True(trades.IsNew(0, 500));
        Assert.True(trades.IsNew(0, 503));

        Assert.Equal(1, counters.TradeGaps);
        Assert.False(trades.IsNew(0, 502));
    }
}
