using System.Diagnostics;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Carries out a rollout plan on the local engine one role at a time: stop-first roles are stopped and
/// started again (their peer replica keeps the exchange written), start-first roles start in the other
/// slot and the old container stops only once the new one is ready. Returns why it stopped, or null.
/// What correctness does not need stays off the critical path: every new container is created in the
/// background ahead of its step (<see cref="StagedSuccessors"/>), and a replaced container is retired
/// (renamed, instant) and then stopped and removed in the background (<see cref="RetiredContainers"/>).
/// The rollout waits at its end only until the old containers have stopped (they hold their slots' ports);
/// Deploy waits for the removals after its validation. Every step logs its time.
/// </summary>
public sealed class LocalRollout(LocalContainers containers, HealthProbe probe, ValidationThresholds thresholds)
{
    private readonly RetiredContainers _retired = new(containers);

    /// <summary>Waits until the containers the last rollout replaced are removed (Deploy calls it after its validation).</summary>
    public Task RemovedAsync() => _retired.RemovedAsync();

    public async Task<string?> RunAsync(IReadOnlyList<ContainerSpec> wanted, int revision)
    {
        var rollout = Stopwatch.StartNew();
        await _retired.RemovedAsync().ConfigureAwait(false);
        // Leftovers of an interrupted rollout go first: a staged one's name is about to be made again.
        await Task.WhenAll((await containers.ListLeftoversAsync().ConfigureAwait(false)).Select(containers.RemoveAsync)).ConfigureAwait(false);
        var plan = RolloutPlanner.Plan(await containers.ListAsync().ConfigureAwait(false), wanted);
        Log.Information($"Rollout of revision {revision}: {plan.Count(step => step.Action != RolloutAction.Keep)} of {plan.Count} roles change");
        var staged = new StagedSuccessors(containers, plan, revision);
        try
        {
            foreach (var step in plan)
            {
                Log.Information($"- {step}");
                var watch = Stopwatch.StartNew();
                var failure = step.Action switch
                {
                    RolloutAction.Keep => null,
                    RolloutAction.Remove => await RetireAsync(step.Current!).ConfigureAwait(false),
                    RolloutAction.Create => await StartReadyAsync(await staged.ClaimAsync(step.Role).ConfigureAwait(false)).ConfigureAwait(false),
                    RolloutAction.Replace when step.Wanted!.Strategy == ReplaceStrategy.StartFirst => await StartFirstAsync(step, staged).ConfigureAwait(false),
                    _ => await StopFirstAsync(step, staged).ConfigureAwait(false),
                };
                if (step.Action != RolloutAction.Keep)
                {
                    Log.Information($"  {step.Role}: {(failure is null ? "done" : "failed")} in {watch.Elapsed.TotalSeconds:F1} s (rollout at {rollout.Elapsed.TotalSeconds:F1} s)");
                }
                if (failure is not null)
                {
                    return failure;
                }
            }
            return null;
        }
        finally
        {
            await staged.DisposeAsync().ConfigureAwait(false);
            var stopping = await _retired.StoppedAsync().ConfigureAwait(false);
            Log.Information($"Rollout of revision {revision} ended after {rollout.Elapsed.TotalSeconds:F1} s (of which {stopping.TotalSeconds:F1} s waiting for old containers to stop; their removal goes on in the background)");
        }
    }

    /// <summary>The successor was created while the old container still ran, so the role's gap is only stop, rename, start and readiness.</summary>
    private async Task<string?> StopFirstAsync(RolloutStep step, StagedSuccessors staged)
    {
        var next = await staged.ClaimAsync(step.Role).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await containers.StopAsync(step.Current!).ConfigureAwait(false);
        Log.Information($"  stopped {step.Current!.Name} (SIGTERM) in {watch.Elapsed.TotalSeconds:F1} s");
        // Its name is free at once; its removal is left to the background.
        _retired.Add(await containers.RetireAsync(step.Current!).ConfigureAwait(false), running: false);
        return await StartReadyAsync(next).ConfigureAwait(false);
    }

    private async Task<string?> StartFirstAsync(RolloutStep step, StagedSuccessors staged)
    {
        var failure = await StartReadyAsync(await staged.ClaimAsync(step.Role).ConfigureAwait(false)).ConfigureAwait(false);
        if (failure is not null)
        {
            // The old container never stopped: the endpoint kept serving; take the failed one away.
            var failed = (await containers.ListAsync().ConfigureAwait(false)).FirstOrDefault(container => container.Name == step.Wanted!.ContainerName(step.Slot));
            if (failed is not null)
            {
                _retired.Add(await containers.RetireAsync(failed).ConfigureAwait(false), running: false);
            }
            return failure;
        }
        return await RetireAsync(step.Current!).ConfigureAwait(false);
    }

    private async Task<string?> StartReadyAsync(RunningContainer created)
    {
        var watch = Stopwatch.StartNew();
        var started = await containers.StartAsync(created).ConfigureAwait(false);
        Log.Information($"  started {started.Name} in {watch.Elapsed.TotalSeconds:F1} s");
        return await probe.WaitReadyAsync(started.Name, started.HealthPort, thresholds.ReadyDeadline, () => containers.ExitedAsync(started.Id)).ConfigureAwait(false);
    }

    /// <summary>
    /// The new container is ready (or the role is no longer wanted): the old one leaves the environment now
    /// and gets SIGTERM at once in the background, where it closes its listener, drains its clients (up to
    /// the services' grace period) and is removed.
    /// </summary>
    private async Task<string?> RetireAsync(RunningContainer container)
    {
        var watch = Stopwatch.StartNew();
        _retired.Add(await containers.RetireAsync(container).ConfigureAwait(false), running: true);
        Log.Information($"  {container.Name} retired in {watch.Elapsed.TotalSeconds:F1} s: SIGTERM and removal in the background");
        return null;
    }
}
