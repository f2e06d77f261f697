using System.Diagnostics;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// The low-CPU idle strategy gives the core back: after spinning and yielding it sleeps a millisecond
/// per idle poll. Only the lower bound a sleep guarantees is asserted, never a speed.
/// </summary>
public sealed class IdleStrategyTests
{
    [Fact]
    public void ShouldSleepAMillisecondPerIdlePollOnceLowCpuHasSpunAndYielded()
    {
        var idle = new IdleStrategy(IdleMode.LowCpu);
        var watch = Stopwatch.StartNew();

        // 100 spins, 100 yields, then 100 sleeps of at least 1 ms each.
        for (var i = 0; i < 300; i++)
        {
            idle.Idle();
        }

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(100), $"300 idle polls took {watch.Elapsed.TotalMilliseconds} ms: LowCpu never slept");
        Assert.Equal(IdleMode.LowCpu, idle.Mode);
    }
}
