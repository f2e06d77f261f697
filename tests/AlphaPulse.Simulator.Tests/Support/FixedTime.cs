namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>A clock that never moves, so event times (Binance's E and T) are the same on every run.</summary>
internal sealed class FixedTime(long unixMs = 1_700_000_000_000) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
