using System.Globalization;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// <see cref="ProcessAffinity"/> in a real child process (the test host itself is never pinned): every thread the
/// kernel lists moves to the cores asked for, and a refusal names the cores, the thread and the errno.
/// </summary>
public sealed class ProcessAffinityTests
{
    /// <summary>The cores this process may run on (a cpuset or taskset can narrow them); the child inherits them.</summary>
    private static readonly int[] Allowed = CpuList(File.ReadLines("/proc/self/status")
        .First(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split('\t')[1]);

    [Fact]
    public void ShouldPinEveryThreadOfTheProcessToTheOneCoreGiven()
    {
        var core = Allowed[^1];

        var (outcome, threads) = Pin(core.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("pinned", outcome);
        Assert.True(threads.Count >= 3, "the runtime's threads and the two parked ones are listed");
        Assert.All(threads, thread => Assert.Equal([core], thread.Cores));
    }

    [Fact]
    public void ShouldPinEveryThreadToAllTheCoresGiven()
    {
        var (outcome, threads) = Pin(string.Join(',', Allowed));

        Assert.Equal("pinned", outcome);
        Assert.All(threads, thread => Assert.Equal(Allowed, thread.Cores));
    }

    [Fact]
    public void ShouldIgnoreCoresTheMachineDoesNotHaveWhenOthersAreGiven()
    {
        var core = Allowed[0];

        var (outcome, threads) = Pin(string.Create(CultureInfo.InvariantCulture, $"{ProcessAffinity.MaxCpu},{core},700"));

        Assert.Equal("pinned", outcome);
        Assert.All(threads, thread => Assert.Equal([core], thread.Cores));
    }

    [Fact]
    public void ShouldReportTheCoresTheThreadAndTheErrnoWhenTheKernelRefusesAndLeaveThreadsUnpinned()
    {
        var (outcome, threads) = Pin("1023,1000");

        Assert.Matches(@"^failed sched_setaffinity refused cores 1023,1000 for thread \d+: Invalid argument \(errno 22\)$", outcome);
        Assert.All(threads, thread => Assert.Equal(Allowed, thread.Cores));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ProcessAffinity.MaxCpu + 1)]
    public void ShouldRefuseACoreNumberOutsideTheMaskBeforePinningAnything(int core)
    {
        var (outcome, threads) = Pin(string.Create(CultureInfo.InvariantCulture, $"{Allowed[0]},{core}"));

        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"refused cpu {core}"), outcome);
        Assert.All(threads, thread => Assert.Equal(Allowed, thread.Cores));
    }

    private static (string Outcome, List<(int Tid, int[] Cores)> Threads) Pin(string cpus)
    {
        using var child = ChildProcess.Start("pin", cpus);
        var outcome = child.ReadLine();
        var threads = new List<(int, int[])>();
        for (var line = child.ReadLine(); line != "done"; line = child.ReadLine())
        {
            var fields = line.Split(' ');
            Assert.Equal("thread", fields[0]);
            threads.Add((int.Parse(fields[1], CultureInfo.InvariantCulture), CpuList(fields[2])));
        }

        Assert.Equal(0, child.WaitForExit());
        return (outcome, threads);
    }

    /// <summary>The kernel's list format: <c>0-3,8,10-11</c>.</summary>
    private static int[] CpuList(string list) =>
    [
        .. list.Split(',').SelectMany(range => range.Split('-') is [var from, var to]
            ? Enumerable.Range(int.Parse(from, CultureInfo.InvariantCulture), int.Parse(to, CultureInfo.InvariantCulture) - int.Parse(from, CultureInfo.InvariantCulture) + 1)
            : [int.Parse(range, CultureInfo.InvariantCulture)]),
    ];
}
