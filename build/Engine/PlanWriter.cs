using System.Text;

namespace AlphaPulse.Build.Engine;

/// <summary><c>--plan</c>: the execution plan as text, and as a mermaid graph under <c>.nuke/temp/</c>.</summary>
internal static class PlanWriter
{
    public const string GraphFileName = "execution-plan.mmd";

    public static void Write(TextWriter output, IReadOnlyList<ExecutableTarget> plan, AbsolutePath temporaryDirectory, AbsolutePath root)
    {
        output.WriteLine("Execution plan:");
        var index = 1;
        foreach (var target in plan)
        {
            var marker = target.IsInvoked ? " (invoked)" : "";
            var skipped = target.Status == TargetStatus.Skipped ? $" — skipped: {target.SkipReason}" : "";
            output.WriteLine($"  {index++,2}. {target.Name}{marker}{skipped}");
        }
        var graph = temporaryDirectory / GraphFileName;
        graph.WriteAllText(Mermaid(plan));
        output.WriteLine();
        output.WriteLine($"Graph: {graph.RelativeTo(root)}");
    }

    public static string Mermaid(IReadOnlyList<ExecutableTarget> plan)
    {
        var builder = new StringBuilder("graph LR\n");
        var inPlan = plan.ToHashSet();
        foreach (var target in plan)
        {
            var style = target.Status == TargetStatus.Skipped ? ":::skipped" : target.IsInvoked ? ":::invoked" : "";
            builder.Append("  ").Append(target.Name).Append(style).Append('\n');
        }
        foreach (var target in plan)
        {
            foreach (var dependency in target.ExecutionDependencies.Where(inPlan.Contains))
            {
                builder.Append("  ").Append(dependency.Name).Append(" --> ").Append(target.Name).Append('\n');
            }
            foreach (var predecessor in target.OrderDependencies.Where(inPlan.Contains))
            {
                builder.Append("  ").Append(predecessor.Name).Append(" -.-> ").Append(target.Name).Append('\n');
            }
            foreach (var triggered in target.Triggers.Where(inPlan.Contains))
            {
                builder.Append("  ").Append(target.Name).Append(" ==> ").Append(triggered.Name).Append('\n');
            }
        }
        builder.Append("  classDef invoked stroke-width:3px\n");
        builder.Append("  classDef skipped stroke-dasharray:4 4,color:#999\n");
        return builder.ToString();
    }
}
