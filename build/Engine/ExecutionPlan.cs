namespace AlphaPulse.Build.Engine;

/// <summary>
/// Decides which targets run and in which order: the invoked targets, their dependencies and triggers,
/// ordered so every dependency, <c>After</c>/<c>Before</c> constraint and trigger is respected.
/// Skips (from <c>--skip</c> and static conditions) cascade to dependencies that nothing else needs.
/// </summary>
internal static class ExecutionPlan
{
    public static IReadOnlyList<ExecutableTarget> Create(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<string> invokedNames, IReadOnlyList<string>? skipNames)
    {
        var invoked = invokedNames.Select(name => Find(targets, name)).Distinct().ToList();
        foreach (var target in invoked)
        {
            target.IsInvoked = true;
        }

        var scheduled = Schedule(invoked);
        var ordered = Order(invoked, scheduled, targets);
        ApplySkips(ordered, invoked, skipNames, targets);
        return ordered;
    }

    public static ExecutableTarget Find(IReadOnlyList<ExecutableTarget> targets, string name)
    {
        var key = NameMatching.Normalize(name);
        var match = targets.FirstOrDefault(target => NameMatching.Normalize(target.Name) == key);
        if (match is not null)
        {
            return match;
        }
        var listed = targets.Where(target => !target.Definition.IsUnlisted).Select(target => target.Name).ToList();
        var closest = NameMatching.Closest(name, listed);
        throw new BuildException($"unknown target '{name}'" + (closest is null ? "" : $": did you mean {closest}?") + $" (available targets: {string.Join(", ", listed)})");
    }

    private static HashSet<ExecutableTarget> Schedule(IEnumerable<ExecutableTarget> invoked)
    {
        var scheduled = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!scheduled.Add(target))
            {
                continue;
            }
            foreach (var next in target.ExecutionDependencies.Concat(target.Triggers))
            {
                pending.Push(next);
            }
        }
        return scheduled;
    }

    // Depth-first: each target after everything scheduled that must precede it; invoked targets keep
    // their command-line order, the rest follow declaration order.
    private static List<ExecutableTarget> Order(List<ExecutableTarget> invoked, HashSet<ExecutableTarget> scheduled, IReadOnlyList<ExecutableTarget> all)
    {
        var ordered = new List<ExecutableTarget>();
        var placed = new HashSet<ExecutableTarget>();
        void Place(ExecutableTarget target)
        {
            if (!placed.Add(target))
            {
                return;
            }
            foreach (var predecessor in TargetModel.Predecessors(target).Where(scheduled.Contains).OrderBy(item => item.DeclarationOrder))
            {
                Place(predecessor);
            }
            ordered.Add(target);
        }
        foreach (var target in invoked.Concat(all.Where(scheduled.Contains)))
        {
            Place(target);
        }
        return ordered;
    }

    private static void ApplySkips(List<ExecutableTarget> ordered, List<ExecutableTarget> invoked, IReadOnlyList<string>? skipNames, IReadOnlyList<ExecutableTarget> all)
    {
        var explicitSkips = new HashSet<ExecutableTarget>();
        if (skipNames is { Count: 0 })
        {
            explicitSkips.UnionWith(ordered.Where(target => !target.IsInvoked));
        }
        else if (skipNames is not null)
        {
            foreach (var target in skipNames.Select(name => Find(all, name)).Where(target => !target.IsInvoked))
            {
                explicitSkips.Add(target);
            }
        }
        foreach (var target in explicitSkips)
        {
            Skip(target, "--skip");
        }
        foreach (var target in ordered.Where(target => target.SkipReason is null))
        {
            var failed = target.Definition.StaticConditions.FirstOrDefault(condition => !condition.Evaluate());
            if (failed is not null)
            {
                Skip(target, $"condition false: {failed.Text}");
            }
        }

        // A target is needed when an invoked target, or a needed one that still runs, leads to it.
        var needed = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!needed.Add(target))
            {
                continue;
            }
            var passesNeedOn = target.SkipReason is null
                || (!explicitSkips.Contains(target) && target.Definition.SkippedDependencyBehavior == DependencyBehavior.Execute);
            if (passesNeedOn)
            {
                foreach (var next in target.ExecutionDependencies)
                {
                    pending.Push(next);
                }
            }
            if (target.SkipReason is null)
            {
                foreach (var next in target.Triggers)
                {
                    pending.Push(next);
                }
            }
        }
        foreach (var target in ordered.Where(target => target.SkipReason is null && !needed.Contains(target)))
        {
            Skip(target, "only needed by skipped targets");
        }
    }

    private static void Skip(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.Skipped;
        target.SkipReason = reason;
    }
}
