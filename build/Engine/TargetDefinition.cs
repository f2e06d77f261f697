namespace AlphaPulse.Build.Engine;

/// <summary>A named condition and the source text that explains it when it is false.</summary>
public sealed record Condition(Func<bool> Evaluate, string Text);

/// <summary>A required value (typically a parameter) and the source text naming it.</summary>
public sealed record Requirement(Func<object?>? Value, Func<bool>? Condition, string Text);

/// <summary>Collects what a target's fluent definition says; the planner reads it.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }

    public List<Target> DependsOnTargets { get; } = [];

    public List<Target> DependentForTargets { get; } = [];

    public List<Target> AfterTargets { get; } = [];

    public List<Target> BeforeTargets { get; } = [];

    public List<Target> TriggersTargets { get; } = [];

    public List<Target> TriggeredByTargets { get; } = [];

    public List<Condition> StaticConditions { get; } = [];

    public List<Condition> DynamicConditions { get; } = [];

    public List<Requirement> Requirements { get; } = [];

    public DependencyBehavior SkippedDependencyBehavior { get; private set; } = DependencyBehavior.Execute;

    public bool ProceedsAfterFailure { get; private set; }

    public bool IsAssuredAfterFailure { get; private set; }

    public bool IsUnlisted { get; private set; }

    public List<AbsolutePath> ProducedPaths { get; } = [];

    public List<Func<Task>> Actions { get; } = [];

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => AddTo(DependsOnTargets, targets);

    public ITargetDefinition DependentFor(params Target[] targets) => AddTo(DependentForTargets, targets);

    public ITargetDefinition After(params Target[] targets) => AddTo(AfterTargets, targets);

    public ITargetDefinition Before(params Target[] targets) => AddTo(BeforeTargets, targets);

    public ITargetDefinition Triggers(params Target[] targets) => AddTo(TriggersTargets, targets);

    public ITargetDefinition TriggeredBy(params Target[] targets) => AddTo(TriggeredByTargets, targets);

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionText = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        StaticConditions.Add(new Condition(condition, conditionText ?? "static condition"));
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionText = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        DynamicConditions.Add(new Condition(condition, conditionText ?? "dynamic condition"));
        return this;
    }

    public ITargetDefinition Requires(Func<object?> value, string? valueText = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Requirements.Add(new Requirement(value, null, valueText ?? "value"));
        return this;
    }

    public ITargetDefinition Requires(Func<bool> condition, string? conditionText = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Requirements.Add(new Requirement(null, condition, conditionText ?? "condition"));
        return this;
    }

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior)
    {
        SkippedDependencyBehavior = behavior;
        return this;
    }

    public ITargetDefinition ProceedAfterFailure()
    {
        ProceedsAfterFailure = true;
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    public ITargetDefinition Produces(params AbsolutePath[] paths)
    {
        ProducedPaths.AddRange(paths);
        return this;
    }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(() =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(action);
        return this;
    }

    private TargetDefinition AddTo(List<Target> list, Target[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        list.AddRange(targets);
        return this;
    }
}
