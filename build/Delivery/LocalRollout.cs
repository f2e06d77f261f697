using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Carries out a rollout plan on the local engine one role at a time: stop-first roles are stopped and
/// started again (their peer replica keeps the exchange written), start-first roles start in the other
/// slot and the old container stops only once the new one is ready. Returns why it stopped, or null.
/// </summary>
public sealed class LocalRollout(LocalContainers containers, HealthProbe probe, ValidationThresholds thresholds)
{
    public async Task<string?> RunAsync(IReadOnlyList<ContainerSpec> wanted, int revision)
    {
        var plan = RolloutPlanner.Plan(await containers.ListAsync().ConfigureAwait(false), wanted);
        Log.Information($"Rollout of revision {revision}: {plan.Count(step => step.Action != RolloutAction.Keep)} of {plan.Count} roles change");
        foreach (var step in plan)
        {
            Log.Information($"- {step}");
            var failure = step.Action switch
            {
                RolloutAction.Keep => null,
                RolloutAction.Remove => await StopAsync(step.Current!).ConfigureAwait(false),
                RolloutAction.Create => await StartReadyAsync(step.Wanted!, step.Slot, revision).ConfigureAwait(false),
                RolloutAction.Replace when step.Wanted!.Strategy == ReplaceStrategy.StartFirst => await StartFirstAsync(step, revision).ConfigureAwait(false),
                _ => await StopAsync(step.Current!).ConfigureAwait(false) ?? await StartReadyAsync(step.Wanted!, step.Slot, revision).ConfigureAwait(false),
            };
            if (failure is not null)
            {
                return failure;
            }
        }
        return null;
    }

    private async Task<string?> StartFirstAsync(RolloutStep step, int revision)
    {
        var failure = await StartReadyAsync(step.Wanted!, step.Slot, revision).ConfigureAwait(false);
        if (failure is not null)
        {
            // The old container never stopped: the endpoint kept serving; take the failed one away.
            var failed = (await containers.ListAsync().ConfigureAwait(false)).FirstOrDefault(container => container.Name == step.Wanted!.ContainerName(step.Slot));
            if (failed is not null)
            {
                await containers.StopAndRemoveAsync(failed).ConfigureAwait(false);
            }
            return failure;
        }
        return await StopAsync(step.Current!).ConfigureAwait(false);
    }

    private async Task<string?> StartReadyAsync(ContainerSpec spec, int slot, int revision)
    {
        var started = await containers.StartAsync(spec, slot, revision).ConfigureAwait(false);
        return await probe.WaitReadyAsync(started.Name, started.HealthPort, thresholds.ReadyDeadline, () => containers.ExitedAsync(started.Id)).ConfigureAwait(false);
    }

    private async Task<string?> StopAsync(RunningContainer container)
    {
        Log.Information($"  stopping {container.Name} (SIGTERM, up to 30 s to drain)");
        await containers.StopAndRemoveAsync(container).ConfigureAwait(false);
        return null;
    }
}
