using AlphaPulse.Collector.Pipeline;

namespace AlphaPulse.Collector.Tests.Pipeline;

public sealed class RateLimiterTests
{
    [Fact]
    public void ShouldLetOneEventThroughPerIntervalAndCountTheRest()
    {
        var limiter = new RateLimiter(intervalNanoseconds: 100);

        Assert.True(limiter.TryAcquire(0, out var suppressed));
        Assert.Equal(0, suppressed);
        Assert.False(limiter.TryAcquire(10, out _));
        Assert.False(limiter.TryAcquire(99, out _));
        Assert.True(limiter.TryAcquire(100, out suppressed));
        Assert.Equal(2, suppressed);
    }
}
