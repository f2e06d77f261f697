using AlphaPulse.Collector.Pipeline;
using CsCheck;

namespace AlphaPulse.Collector.Tests.Pipeline;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 0.0, 125)]
    [InlineData(0, 0.999999, 250)]
    [InlineData(1, 0.0, 250)]
    [InlineData(3, 0.5, 1500)]
    [InlineData(20, 0.0, 15000)]
    public void ShouldDoubleEachAttemptWithHalfOfItJittered(int attempt, double jitter, int expectedMs)
    {
        Assert.Equal(expectedMs, Backoff.Delay(attempt, Initial, Max, jitter).TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void ShouldStayWithinHalfAndAllOfTheCappedExponential()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Double[0, 0.999999]).Sample((attempt, jitter) =>
        {
            var delay = Backoff.Delay(attempt, Initial, Max, jitter);
            var capped = Math.Min(Initial.Ticks * Math.Pow(2, Math.Min(attempt, 30)), Max.Ticks);
            return delay.Ticks >= (long)(capped / 2) - 1 && delay.Ticks <= (long)capped;
        });
    }

    [Fact]
    public void ShouldRefuseNonsense()
    {
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(-1, Initial, Max, 0));
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(0, Initial, Max, 1.0));
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.Delay(0, Max, Initial, 0));
    }
}
