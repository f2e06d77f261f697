using System.Diagnostics;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Containers a rollout replaced, stopped and removed in the background. A retired container is already out of
/// the environment (renamed: <see cref="LocalContainers.RetireAsync"/>); what is left takes time that correctness
/// does not need on the rollout's path: a start-first role's old container draining its clients after SIGTERM
/// (up to the services' grace period), and every removal (on the vfs driver the container's own copy of its
/// image is deleted, 4–15 s under disk load). <see cref="StoppedAsync"/> is the rollout's join: an old
/// container must not outlive the rollout that replaced it (it holds its slot's ports). <see cref="RemovedAsync"/>
/// is the deploy's join, after its validation.
/// </summary>
public sealed class RetiredContainers(LocalContainers containers)
{
    private readonly List<Task> _stopping = [];
    private readonly List<Task> _removing = [];

    /// <summary>Stops (when <paramref name="running"/>) and removes <paramref name="retired"/> in the background.</summary>
    public void Add(RunningContainer retired, bool running)
    {
        var stopped = running ? StopAsync(retired) : Task.CompletedTask;
        _stopping.Add(stopped);
        _removing.Add(RemoveAfterAsync(stopped, retired));
    }

    /// <summary>Waits until every retired container has stopped; returns how long it waited.</summary>
    public async Task<TimeSpan> StoppedAsync()
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(_stopping).ConfigureAwait(false);
        _stopping.Clear();
        return watch.Elapsed;
    }

    /// <summary>Waits until every retired container is removed, and says how long that was.</summary>
    public async Task RemovedAsync()
    {
        if (_removing.Count == 0)
        {
            return;
        }
        var watch = Stopwatch.StartNew();
        var count = _removing.Count;
        await StoppedAsync().ConfigureAwait(false);
        await Task.WhenAll(_removing).ConfigureAwait(false);
        _removing.Clear();
        Log.Information($"{count} retired containers removed in the background; waited {watch.Elapsed.TotalSeconds:F1} s for the last of them");
    }

    private async Task StopAsync(RunningContainer retired)
    {
        // Off the caller's path: the rollout goes on while the old container drains.
        await Task.Yield();
        var watch = Stopwatch.StartNew();
        await ReportFailureAsync(retired, "stop", () => containers.StopAsync(retired)).ConfigureAwait(false);
        Log.Information($"  (background) stopped {retired.Name} in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task RemoveAfterAsync(Task stopped, RunningContainer retired)
    {
        await Task.Yield();
        await stopped.ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await ReportFailureAsync(retired, "remove", () => containers.RemoveAsync(retired)).ConfigureAwait(false);
        Log.Information($"  (background) removed {retired.Name} in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task ReportFailureAsync(RunningContainer retired, string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is global::Docker.DotNet.DockerApiException or HttpRequestException or IOException)
        {
            // Out of the environment already: the next rollout removes a retired container left behind.
            Log.Warning($"  (background) could not {what} {retired.Name}: {exception.Message} (the next rollout removes it)");
        }
    }
}
