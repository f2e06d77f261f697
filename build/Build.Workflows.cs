using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Workflows;

partial class Build
{
    /// <summary>
    /// The build's CI description: what GenerateWorkflows writes to .github/workflows and .ci/commands.
    /// Targets and parameters are named through this build's members, so a misspelt or removed one does
    /// not compile.
    /// </summary>
    internal static IReadOnlyList<Workflow> Workflows => AlphaPulseWorkflows.All(CiCommands, DeployCommands);

    /// <summary>Push builds, pushes and deploys the commit's images (default --image-tag, the short SHA) to the branch's environment; the rollback's inputs arrive as variables.</summary>
    internal static DeployCommands DeployCommands => new(
        BuildCommand.Of(nameof(Push)).With(nameof(ImageSource), "sdk").With(nameof(Registry), "\"$REGISTRY\"").With(nameof(RegistryUsername), "\"$REGISTRY_USERNAME\""),
        environment => BuildCommand.Of(nameof(Deploy)).With(nameof(Env), environment).With(nameof(Registry), "\"$REGISTRY\""),
        environment => BuildCommand.Of(nameof(Smoke)).With(nameof(Env), environment),
        BuildCommand.Of(nameof(Rollback)).With(nameof(Env), "\"$ROLLBACK_ENV\"").With(nameof(Revision), "\"$ROLLBACK_REVISION\""),
        new KindCommands(
            BuildCommand.Of(nameof(ImageBuild)).With(nameof(ImageSource), "sdk").With(nameof(ImageTag), $"\"${AlphaPulseWorkflows.KindTagVariable}\""),
            tag => BuildCommand.Of(nameof(Deploy)).With(nameof(Env), "staging").With(nameof(ImageTag), tag),
            BuildCommand.Of(nameof(Smoke)).With(nameof(Env), "staging"),
            BuildCommand.Of(nameof(Rollback)).With(nameof(Env), "staging")));

    /// <summary>CI runs the quick suites with the shared-VM profile: GitHub's runners are shared 2-core VMs too (README, Benchmarks).</summary>
    internal static CiCommands CiCommands => new(
        Test: BuildCommand.Of(nameof(Test)),
        Audit: BuildCommand.Of(nameof(Audit)),
        Bench: BuildCommand.Of(nameof(Bench)).Switch(nameof(Quick)).Switch(nameof(TraceScheduler)).WithOption(BuiltInOptions.Profile, "shared-vm"),
        Up: BuildCommand.Of(nameof(Up)).With(nameof(UpFor), "30s").Switch(nameof(Monitoring)),
        Mutate: BuildCommand.Of(nameof(Mutate)).With(nameof(MutateProject), "core"),
        Delivery: BuildCommand.Of(nameof(DeliveryTest)));

    Target GenerateWorkflows => _ => _
        .Description("Write .github/workflows/*.yml and .ci/commands from the build's CI description (a test fails when they drift)")
        .Executes(() =>
        {
            var (written, removed) = WorkflowFiles.Generate(RootDirectory, Workflows);
            CiScript.Write(RootDirectory, Workflows);
            ReportSummary("written", string.Join(", ", [.. written, CiScript.RelativePath]));
            if (removed.Count > 0)
            {
                ReportSummary("removed", string.Join(", ", removed));
            }
        });
}
