using System.Diagnostics;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// The containers a rollout plan starts, created one after another in plan order in the background while the
/// rollout works through the earlier steps: on the vfs storage driver a creation copies the whole image (1–5 s
/// under disk load), so a step finds its container made. Nothing is started here: a staged container has a
/// staging name, outside the environment, until its step starts it (<see cref="LocalContainers.StartAsync"/>).
/// What the rollout never claims (it stopped early) is removed by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class StagedSuccessors : IAsyncDisposable
{
    private readonly LocalContainers _containers;
    private readonly Dictionary<string, Task<RunningContainer>> _byRole = new(StringComparer.Ordinal);

    public StagedSuccessors(LocalContainers containers, IReadOnlyList<RolloutStep> plan, int revision)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _containers = containers;
        Task previous = Task.CompletedTask;
        foreach (var step in plan.Where(step => step.Action is RolloutAction.Create or RolloutAction.Replace))
        {
            var created = CreateAfterAsync(previous, step, revision);
            _byRole[step.Role] = created;
            previous = created;
        }
    }

    /// <summary>The role's new container, created but not started; waits for its creation when it is not done yet.</summary>
    public async Task<RunningContainer> ClaimAsync(string role)
    {
        var watch = Stopwatch.StartNew();
        var creation = _byRole[role];
        _byRole.Remove(role);
        var created = await creation.ConfigureAwait(false);
        if (watch.Elapsed >= TimeSpan.FromSeconds(0.1))
        {
            Log.Information($"  waited {watch.Elapsed.TotalSeconds:F1} s for {created.Name} to be created");
        }
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var creation in _byRole.Values)
        {
            // A creation that failed has nothing to remove; the step that needed it reported the failure.
            await Task.WhenAny(creation).ConfigureAwait(false);
            if (creation.IsCompletedSuccessfully)
            {
                await _containers.RemoveAsync(creation.Result).ConfigureAwait(false);
            }
        }
        _byRole.Clear();
    }

    private async Task<RunningContainer> CreateAfterAsync(Task previous, RolloutStep step, int revision)
    {
        // One creation at a time: they compete for the same disk, and the earliest step needs its container first.
        await Task.WhenAny(previous).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        var created = await _containers.CreateAsync(step.Wanted!, step.Slot, revision).ConfigureAwait(false);
        Log.Information($"  (background) created {created.Name} in {watch.Elapsed.TotalSeconds:F1} s");
        return created;
    }
}
