namespace AlphaPulse.Build.Workflows;

/// <summary>
/// AlphaPulse's CI description: the workflows <c>GenerateWorkflows</c> writes to <c>.github/workflows</c>.
/// Every job checks out, restores the NuGet and <c>.nuke/temp</c> caches, and calls <c>./build.sh</c>,
/// so what CI runs is what a developer runs.
/// </summary>
public static class AlphaPulseWorkflows
{
    /// <summary>Secrets the deployment targets read from environment variables of the same name.</summary>
    public static readonly IReadOnlyList<string> DeploymentSecrets = ["KUBECONFIG_DATA", "REGISTRY_PASSWORD", "WEBSOCKET_TOKENS"];

    public static IReadOnlyList<Workflow> All => [Ci, Deploy];

    /// <summary><c>ci</c>: Test, Audit and quick Bench on every push and pull request to the main branches.</summary>
    public static Workflow Ci => new(
        "ci",
        new WorkflowTriggers(PushBranches: ["main", "develop"], PullRequestBranches: ["main", "develop"]),
        [
            BuildJob("test", "Test", Run("Test"), Upload("test-results", "artifacts/test-results")),
            BuildJob("audit", "Audit", Run("Audit"), Upload("audit-report", "artifacts/audit")),
            BuildJob("bench", "Bench (quick)", Run("Bench", ("--quick", null)), Upload("bench-results", "artifacts/bench")),
        ])
    {
        Env = DotNetEnv,
    };

    /// <summary>
    /// <c>deploy</c>: develop deploys to staging, main to production, each followed by a smoke test;
    /// a manual run rolls an environment back to a revision. Runs queue, never overlap.
    /// </summary>
    public static Workflow Deploy => new(
        "deploy",
        new WorkflowTriggers(
            PushBranches: ["develop", "main"],
            Dispatch:
            [
                new DispatchInput("environment", "Environment to roll back", Required: true, Options: ["staging", "production"]),
                new DispatchInput("revision", "Revision to roll back to (image tag or git SHA)", Required: true),
            ]),
        [
            DeployJob("deploy-staging", "Deploy to staging", "develop", "staging"),
            DeployJob("deploy-production", "Deploy to production", "main", "production"),
            new WorkflowJob("rollback", "Roll back", [.. Setup, Run("Rollback", ("--env", "\"$ROLLBACK_ENV\""), ("--revision", "\"$ROLLBACK_REVISION\""))])
            {
                If = "github.event_name == 'workflow_dispatch'",
                Environment = "${{ inputs.environment }}",
                // Inputs reach the script as variables, never pasted into it: a revision cannot inject commands.
                Env = WithSecrets(new() { ["ROLLBACK_ENV"] = "${{ inputs.environment }}", ["ROLLBACK_REVISION"] = "${{ inputs.revision }}" }),
            },
        ])
    {
        Env = DotNetEnv,
        ConcurrencyGroup = "deploy",
    };

    private static Dictionary<string, string> DotNetEnv => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "true",
        ["DOTNET_NOLOGO"] = "true",
    };

    /// <summary>Check out, then restore the NuGet packages and the SDK/tools that build.sh keeps in .nuke/temp.</summary>
    private static WorkflowStep[] Setup =>
    [
        new CheckoutStep(),
        new CacheStep("Cache NuGet packages and .nuke/temp", ["~/.nuget/packages", ".nuke/temp"], "build",
            ["**/*.csproj", "Directory.Packages.props", "global.json"]),
    ];

    private static WorkflowJob BuildJob(string id, string name, params WorkflowStep[] steps) => new(id, name, [.. Setup, .. steps]);

    private static WorkflowJob DeployJob(string id, string name, string branch, string environment) =>
        new(id, name, [.. Setup, Run("Deploy", ("--env", environment)), Run("Smoke", ("--env", environment))])
        {
            If = $"github.event_name == 'push' && github.ref == 'refs/heads/{branch}'",
            Environment = environment,
            Env = WithSecrets([]),
        };

    private static BuildStep Run(string target, params (string Name, string? Value)[] parameters) =>
        new(target, [target], parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToList());

    private static UploadArtifactStep Upload(string name, string path) => new(name, [path]) { If = "always()" };

    private static Dictionary<string, string> WithSecrets(Dictionary<string, string> env)
    {
        foreach (var secret in DeploymentSecrets)
        {
            env[secret] = $"${{{{ secrets.{secret} }}}}";
        }
        return env;
    }
}
