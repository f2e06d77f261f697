using System.Globalization;

namespace AlphaPulse.Core.Tests;

/// <summary>
/// <see cref="ProcessAffinity"/>: every thread the kernel lists moves to the cores asked for, and a refusal names the
/// cores, the thread and the errno. Pinning one core happens in a real child process; the tests that run in this
/// process only ever ask for the cores it already has (or for none the kernel accepts), so other tests keep theirs.
/// </summary>
public sealed class ProcessAffinityTests
{
    /// <summary>The cores this process may run on (a cpuset or taskset can narrow them); a child inherits them.</summary>
    private static readonly int[] Allowed = CpuList(AllowedList("/proc/self/status")!);

    [Fact]
    public void ShouldPinEveryThreadOfTheProcessIncludingOnesStartedBeforeAndAfterToTheOneCoreGiven()
    {
        var core = Allowed[^1];
        using var child = ChildProcess.Start("pin", core.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("pinned", child.ReadLine());
        var threads = new List<int[]>();
        for (var line = child.ReadLine(); line != "done"; line = child.ReadLine())
        {
            threads.Add(CpuList(line.Split(' ')[2]));
        }

        Assert.True(threads.Count >= 3, "the runtime's threads and the two parked ones are listed");
        Assert.All(threads, cores => Assert.Equal([core], cores));
        Assert.Equal(0, child.WaitForExit());
    }

    [Fact]
    public void ShouldPinEveryThreadToAllTheCoresGiven()
    {
        Assert.True(ProcessAffinity.TryPin(Allowed, out var error), error);

        Assert.Equal(string.Empty, error);
        Assert.All(ThreadCores(), cores => Assert.Equal(Allowed, cores));
    }

    [Fact]
    public void ShouldPinToACoreListedTwiceAsToItListedOnce()
    {
        Assert.True(ProcessAffinity.TryPin([.. Allowed, .. Allowed], out var error), error);

        Assert.All(ThreadCores(), cores => Assert.Equal(Allowed, cores));
    }

    [Fact]
    public void ShouldRefuseNoCoreListAtAll() =>
        Assert.Equal("cpus", Assert.Throws<ArgumentNullException>(() => ProcessAffinity.TryPin(null!, out _)).ParamName);

    [Fact]
    public void ShouldIgnoreCoresTheMachineDoesNotHaveWhenItHasOthersOfThoseGiven()
    {
        Assert.True(ProcessAffinity.TryPin([ProcessAffinity.MaxCpu, .. Allowed, 700], out var error), error);

        Assert.All(ThreadCores(), cores => Assert.Equal(Allowed, cores));
    }

    [Fact]
    public void ShouldReportTheCoresTheThreadAndTheErrnoWhenTheKernelRefusesAndLeaveEveryThreadAsItWas()
    {
        Assert.False(ProcessAffinity.TryPin([1023, 1000], out var error));

        Assert.Matches(@"^sched_setaffinity refused cores 1023,1000 for thread \d+: Invalid argument \(errno 22\)$", error);
        Assert.All(ThreadCores(), cores => Assert.Equal(Allowed, cores));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ProcessAffinity.MaxCpu + 1)]
    public void ShouldRefuseACoreNumberOutsideTheMaskBeforePinningAnything(int core)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => ProcessAffinity.TryPin([Allowed[0], core], out _));

        Assert.Equal(("cpu", (object)core), (refused.ParamName, refused.ActualValue));
        Assert.All(ThreadCores(), cores => Assert.Equal(Allowed, cores));
    }

    /// <summary>Each live thread's cores (a thread may exit between listing and reading).</summary>
    private static List<int[]> ThreadCores() =>
    [
        .. Directory.GetDirectories("/proc/self/task").Select(task => AllowedList(Path.Combine(task, "status"))).OfType<string>().Select(CpuList),
    ];

    private static string? AllowedList(string status)
    {
        try
        {
            return File.ReadLines(status).First(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split('\t')[1];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The kernel's list format: <c>0-3,8,10-11</c>.</summary>
    private static int[] CpuList(string list) =>
    [
        .. list.Split(',').SelectMany(range => range.Split('-') is [var from, var to]
            ? Enumerable.Range(int.Parse(from, CultureInfo.InvariantCulture), int.Parse(to, CultureInfo.InvariantCulture) - int.Parse(from, CultureInfo.InvariantCulture) + 1)
            : [int.Parse(range, CultureInfo.InvariantCulture)]),
    ];
}
