namespace AlphaPulse.Build.Delivery;

/// <summary>What a rollout does to one role.</summary>
public enum RolloutAction
{
    /// <summary>Already runs what is wanted: leave it.</summary>
    Keep,

    /// <summary>Not running: create and start it.</summary>
    Create,

    /// <summary>Runs something else: replace it with its role's strategy.</summary>
    Replace,

    /// <summary>Runs but is no longer wanted (e.g. the simulator after a switch to the live feed): stop it.</summary>
    Remove,
}

/// <summary>One step of a rollout: the role, what to do, the wanted spec and the container it replaces.</summary>
public sealed record RolloutStep(string Role, RolloutAction Action, ContainerSpec? Wanted, RunningContainer? Current, int Slot)
{
    public override string ToString() => Action switch
    {
        RolloutAction.Replace when Wanted!.Strategy == ReplaceStrategy.StartFirst => $"{Role}: start {Wanted.Image} in slot {Slot}, then stop {Current!.Name}",
        RolloutAction.Replace => $"{Role}: stop {Current!.Name}, then start {Wanted!.Image}",
        RolloutAction.Create => $"{Role}: start {Wanted!.Image}",
        RolloutAction.Remove => $"{Role}: stop {Current!.Name}",
        _ => $"{Role}: keep {Current!.Image}",
    };
}

/// <summary>
/// Decides a rollout from what runs and what is wanted, one role at a time in the wanted order (feed,
/// writers, reader), then removals. Pure: the same inputs give the same plan.
/// </summary>
public static class RolloutPlanner
{
    public static IReadOnlyList<RolloutStep> Plan(IReadOnlyList<RunningContainer> current, IReadOnlyList<ContainerSpec> wanted)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(wanted);
        var steps = new List<RolloutStep>();
        foreach (var spec in wanted)
        {
            // A role may briefly have two containers (an interrupted start-first upgrade): the newest running one counts.
            var running = current.Where(container => container.Role == spec.Role).OrderByDescending(container => container.Running).FirstOrDefault();
            var step = running switch
            {
                null => new RolloutStep(spec.Role, RolloutAction.Create, spec, null, 1),
                { Running: true } when running.Fingerprint == spec.Fingerprint => new RolloutStep(spec.Role, RolloutAction.Keep, spec, running, running.Slot),
                _ when spec.Strategy == ReplaceStrategy.StartFirst => new RolloutStep(spec.Role, RolloutAction.Replace, spec, running, running.Slot == 1 ? 2 : 1),
                _ => new RolloutStep(spec.Role, RolloutAction.Replace, spec, running, 1),
            };
            steps.Add(step);
        }
        var wantedRoles = wanted.Select(spec => spec.Role).ToHashSet(StringComparer.Ordinal);
        steps.AddRange(current.Where(container => !wantedRoles.Contains(container.Role)).Select(container => new RolloutStep(container.Role, RolloutAction.Remove, null, container, container.Slot)));
        return steps;
    }
}
