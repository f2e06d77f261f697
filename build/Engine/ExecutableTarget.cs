namespace AlphaPulse.Build.Engine;

/// <summary>How a target ended in this run.</summary>
public enum TargetStatus
{
    NotRun,
    Skipped,
    Succeeded,
    Failed,
}

/// <summary>A target of the build class, resolved: its name, definition and relations to other targets.</summary>
internal sealed class ExecutableTarget(string name, int declarationOrder, TargetDefinition definition)
{
    public string Name { get; } = name;

    public int DeclarationOrder { get; } = declarationOrder;

    public TargetDefinition Definition { get; } = definition;

    /// <summary>Execution dependencies: <c>DependsOn</c> plus reversed <c>DependentFor</c>.</summary>
    public List<ExecutableTarget> ExecutionDependencies { get; } = [];

    /// <summary>Order-only predecessors: <c>After</c> plus reversed <c>Before</c>.</summary>
    public List<ExecutableTarget> OrderDependencies { get; } = [];

    /// <summary>Targets scheduled after this one: <c>Triggers</c> plus reversed <c>TriggeredBy</c>.</summary>
    public List<ExecutableTarget> Triggers { get; } = [];

    /// <summary>Targets whose triggering scheduled this one (they run first).</summary>
    public List<ExecutableTarget> TriggeredBy { get; } = [];

    public bool IsInvoked { get; set; }

    public TargetStatus Status { get; set; } = TargetStatus.NotRun;

    public string? SkipReason { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Short facts for the summary table (test counts, report paths).</summary>
    public Dictionary<string, string> SummaryFacts { get; } = new(StringComparer.Ordinal);

    public string? Description => Definition.DescriptionText;

    public override string ToString() => Name;
}
