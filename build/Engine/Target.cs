namespace AlphaPulse.Build.Engine;

/// <summary>A target is a function that configures its own definition, as in NUKE:
/// <c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c></summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>What happens to a target's dependencies when the target itself is skipped by a condition.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies still run (NUKE's default).</summary>
    Execute,

    /// <summary>Dependencies that nothing else scheduled needs are skipped too.</summary>
    Skip,
}

/// <summary>The fluent surface a target's definition is written in. Names match NUKE's.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>These targets run (and must succeed) before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target runs before those, and is scheduled whenever they are.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Order only: when both are scheduled, this runs after those.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Order only: when both are scheduled, this runs before those.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Those targets are scheduled after this one whenever this one is.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>This target is scheduled after those whenever they are.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated once before anything runs; false skips the target (reason: the condition's source text).</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>Evaluated just before the target would run; false skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>The value (typically a parameter) must be set before anything runs.</summary>
    ITargetDefinition Requires(Func<object?> value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? valueText = null);

    /// <summary>The condition must hold before anything runs.</summary>
    ITargetDefinition Requires(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>A failure of this target does not stop the targets after it (the build still fails).</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even when an earlier target failed (clean-up, reports).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c> and the schema's target list.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Paths this target writes; CI uploads them as artifacts.</summary>
    ITargetDefinition Produces(params AbsolutePath[] paths);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);
}
