using AlphaPulse.WebSocketServer.Hosting;

namespace AlphaPulse.WebSocketServer.Tests.Hosting;

/// <summary>When a burst of connection churn counts as settled: enough churn, then quiet for the settle time, once per burst.</summary>
public sealed class CompactionTriggerTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void ShouldFireOnceTheSettleTimeHasPassedWithoutChurnAfterABurstOfTheThreshold()
    {
        var trigger = new CompactionTrigger(threshold: 100, Settle);

        Assert.False(trigger.IsDue(100, At(10)));
        Assert.False(trigger.IsDue(100, At(10.999)));
        Assert.True(trigger.IsDue(100, At(11)));
    }

    [Fact]
    public void ShouldFireOncePerBurst()
    {
        var trigger = new CompactionTrigger(threshold: 100, Settle);
        trigger.IsDue(150, At(0));
        Assert.True(trigger.IsDue(150, At(2)));

        Assert.False(trigger.IsDue(150, At(3)));
        Assert.False(trigger.IsDue(150, At(60)));

        // The next burst counts from the last: 100 more opened or closed.
        trigger.IsDue(249, At(61));
        Assert.False(trigger.IsDue(249, At(70)));
        trigger.IsDue(250, At(71));
        Assert.True(trigger.IsDue(250, At(72)));
    }

    [Fact]
    public void ShouldWaitWhileConnectionsKeepOpeningOrClosing()
    {
        var trigger = new CompactionTrigger(threshold: 100, Settle);
        for (var second = 0; second < 10; second++)
        {
            // Churn every half second: never quiet for the settle time.
            Assert.False(trigger.IsDue(200 + (second * 10), At(second)));
            Assert.False(trigger.IsDue(205 + (second * 10), At(second + 0.5)));
        }

        Assert.True(trigger.IsDue(295, At(10.5)));
    }

    [Fact]
    public void ShouldAddSmallBurstsUpToTheThreshold()
    {
        var trigger = new CompactionTrigger(threshold: 100, Settle);
        trigger.IsDue(60, At(0));
        Assert.False(trigger.IsDue(60, At(5)));

        trigger.IsDue(120, At(6));
        Assert.True(trigger.IsDue(120, At(7)));
    }

    [Fact]
    public void ShouldNeverFireWhenTurnedOff()
    {
        var trigger = new CompactionTrigger(threshold: 0, Settle);
        trigger.IsDue(1_000_000, At(0));

        Assert.False(trigger.IsDue(1_000_000, At(3600)));
    }
}
