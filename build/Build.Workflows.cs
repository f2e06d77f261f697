using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Workflows;

partial class Build
{
    /// <summary>The build's CI description: what GenerateWorkflows writes to .github/workflows.</summary>
    static IReadOnlyList<Workflow> Workflows => AlphaPulseWorkflows.All;

    Target GenerateWorkflows => _ => _
        .Description("Write .github/workflows/*.yml from the build's CI description (a test fails when they drift)")
        .Executes(() =>
        {
            var (written, removed) = WorkflowFiles.Generate(RootDirectory, Workflows);
            ReportSummary("written", string.Join(", ", written));
            if (removed.Count > 0)
            {
                ReportSummary("removed", string.Join(", ", removed));
            }
        });
}
