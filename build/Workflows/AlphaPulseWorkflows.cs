namespace AlphaPulse.Build.Workflows;

/// <summary>The commands the CI workflow runs, named through the build's members (see Build.Workflows.cs).</summary>
/// <param name="Test">The README's test command.</param>
/// <param name="Audit">Format, analyzers, vulnerable/deprecated packages, licences.</param>
/// <param name="Bench">The quick bench suites with their gates, retried once on a failed gate.</param>
/// <param name="Up">The run command, for real, for a bounded time.</param>
/// <param name="Mutate">Core's mutation run with its gate (docs/testing.md); a job of its own.</param>
/// <param name="Delivery">The delivery path end to end on a Docker engine (images, deploys, rollbacks, backup); last in <c>.ci/run</c>.</param>
public sealed record CiCommands(BuildCommand Test, BuildCommand Audit, BuildCommand Bench, BuildCommand Up, BuildCommand Mutate, BuildCommand Delivery);

/// <summary>The commands of the deployment workflow; <c>"$ROLLBACK_ENV"</c>-style values come from the job's variables.</summary>
/// <param name="Push">Builds the commit's images from the Dockerfiles' SDK stage and pushes them to <c>"$REGISTRY"</c>.</param>
/// <param name="Deploy">Deploys the commit's images to an environment.</param>
/// <param name="Smoke">Checks an environment after its deploy.</param>
/// <param name="Rollback">The manual rollback to a revision.</param>
/// <param name="Kind">The end-to-end run on a kind cluster.</param>
public sealed record DeployCommands(BuildCommand Push, Func<string, BuildCommand> Deploy, Func<string, BuildCommand> Smoke, BuildCommand Rollback, KindCommands Kind);

/// <summary>
/// The end-to-end run on a throw-away kind cluster: build the images (<c>"$KIND_IMAGE_TAG"</c>), deploy
/// them, deploy a second tag of the same images (a second revision), smoke, roll back to the first, smoke.
/// </summary>
public sealed record KindCommands(BuildCommand Images, Func<string, BuildCommand> Deploy, BuildCommand Smoke, BuildCommand Rollback);

/// <summary>
/// AlphaPulse's CI description: the workflows <c>GenerateWorkflows</c> writes to <c>.github/workflows</c>,
/// and the same CI commands as the script <c>.ci/run</c> runs after its machine set-up. Every job checks
/// out, restores the NuGet and <c>.nuke/temp</c> caches, and calls <c>./build.sh</c>, so what CI runs is
/// what a developer runs.
/// </summary>
public static class AlphaPulseWorkflows
{
    /// <summary>
    /// Distribution packages the tests, the bench and Up need beyond the runner image: promtool and Prometheus,
    /// Python's packages for the bindings and the analytics service (no package index: the distribution's),
    /// gcc for the header's C test. <c>.ci/run</c> installs the same, plus Debian's chromium (GitHub's
    /// runners have Google Chrome, which the dashboard test is pointed at).
    /// </summary>
    public static readonly IReadOnlyList<string> DistributionPackages =
        ["prometheus", "gcc", "python3-pytest", "python3-numpy", "python3-pandas", "python3-fastapi", "python3-uvicorn", "python3-prometheus-client", "python3-httpx"];

    /// <summary>
    /// Where a push's images go and who pushes them: repository (or environment) variables, not secrets — the
    /// registry must be readable by the cluster (a public package, or an imagePullSecret on the pods' service
    /// accounts; deploy/README.md). The password is <c>REGISTRY_PASSWORD</c>, a secret.
    /// </summary>
    public static readonly IReadOnlyList<string> RegistryVariables = ["REGISTRY", "REGISTRY_USERNAME"];

    /// <summary>The WebSocket tokens' variable: the build reads it as <c>--web-socket-tokens</c> (the parameter's name in screaming snake case).</summary>
    public const string WebSocketTokensVariable = "WEB_SOCKET_TOKENS";

    /// <summary>Secrets the deployment targets read from environment variables of the same name.</summary>
    public static readonly IReadOnlyList<string> DeploymentSecrets = ["KUBECONFIG_DATA", "REGISTRY_PASSWORD", WebSocketTokensVariable];

    /// <summary>The workflows; the deployment one only once the build defines its targets.</summary>
    public static IReadOnlyList<Workflow> All(CiCommands ci, DeployCommands? deploy) =>
        deploy is null ? [Ci(ci)] : [Ci(ci), Deploy(deploy)];

    /// <summary>
    /// <c>ci</c>: Test, Audit, quick Bench, a bounded Up, Core's mutation run and DeliveryTest on every push and pull
    /// request to the main branches. DeliveryTest runs as root (<see cref="BuildStep.AsRoot"/>: it hands the rings'
    /// folder to user 1000) with the images built from the Dockerfiles' SDK stage (<c>IMAGE_SOURCE=sdk</c>) on the
    /// runner's own engine, under a WebSocket token made for the run that no file under <c>artifacts/</c> may then
    /// contain; <c>.ci/run</c> does the same on a private engine it starts (README, Delivery).
    /// </summary>
    public static Workflow Ci(CiCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return new(
            "ci",
            new WorkflowTriggers(PushBranches: ["main", "develop"], PullRequestBranches: ["main", "develop"]),
            [
                BuildJob("test", "Test", InstallPackages, commands.Test.Step(), Upload("test-results", "artifacts/test-results")) with
                {
                    Env = new Dictionary<string, string> { ["CHROMIUM_PATH"] = "/usr/bin/google-chrome" },
                },
                BuildJob("audit", "Audit", commands.Audit.Step(), Upload("audit-report", "artifacts/audit")),
                BuildJob("bench", "Bench (quick)", InstallPackages, commands.Bench.Step() with { RetryOnce = true }, Upload("bench-results", "artifacts/bench")),
                BuildJob("up", "Up (the whole stack on the simulator)", InstallPackages, commands.Up.Step(), Upload("up-logs", "artifacts/up")),

                // Its tests need only .NET (child processes, rings in /dev/shm); a run is about 10 minutes on a quiet 2-core VM
                // (29 min 50 s at load 14–23), and one full run scored 87.8 % against the 85 % gate (docs/testing.md).
                BuildJob("mutate", "Mutate (Core)", commands.Mutate.Step(), Upload("mutation-report", "artifacts/mutation")) with { TimeoutMinutes = 45 },

                // Last: it leaves the restored environment running (nine containers, about two cores busy), which would
                // compete with a job after it in .ci/run; GitHub runs each job on a runner of its own.
                DeliveryJob(commands.Delivery),
            ])
        {
            Env = DotNetEnv,
        };
    }

    /// <summary>
    /// <c>deploy</c>: develop deploys to staging, main to production — the commit's images built and pushed,
    /// deployed under the commit's tag, then a smoke test;
    /// a manual run rolls an environment back to a revision. Runs queue, never overlap.
    /// </summary>
    public static Workflow Deploy(DeployCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return new(
            "deploy",
            new WorkflowTriggers(
                PushBranches: ["develop", "main"],
                Dispatch:
                [
                    new DispatchInput("environment", "Environment to roll back", Required: true, Options: ["staging", "production"]),
                    new DispatchInput("revision", "Revision to roll back to: the Deployment's deployment.kubernetes.io/revision (kubectl rollout history)", Required: true),
                ]),
            [
                DeployJob(commands, "deploy-staging", "Deploy to staging", "develop", "staging"),
                DeployJob(commands, "deploy-production", "Deploy to production", "main", "production"),
                new WorkflowJob("rollback", "Roll back", [.. Setup, commands.Rollback.Step()])
                {
                    If = "github.event_name == 'workflow_dispatch'",
                    Environment = "${{ inputs.environment }}",
                    // Inputs reach the script as variables, never pasted into it: a revision cannot inject commands.
                    Env = WithSecrets(new() { ["ROLLBACK_ENV"] = "${{ inputs.environment }}", ["ROLLBACK_REVISION"] = "${{ inputs.revision }}" }),
                },
                KindJob(commands.Kind),
            ])
        {
            Env = DotNetEnv,
            ConcurrencyGroup = "deploy",
        };
    }

    /// <summary>The <c>./build.sh</c> lines of a workflow, job by job, as a shell script runs them.</summary>
    public static IReadOnlyList<string> Scripts(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.Jobs.SelectMany(job => job.Steps.OfType<BuildStep>()).Select(step => step.Script).ToList();
    }

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

    private static ShellStep InstallPackages =>
        new("Install distribution packages", $"sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends {string.Join(' ', DistributionPackages)}");

    private static WorkflowJob BuildJob(string id, string name, params WorkflowStep[] steps) => new(id, name, [.. Setup, .. steps]);

    private static WorkflowJob DeployJob(DeployCommands commands, string id, string name, string branch, string environment) =>
        new(id, name, [.. Setup, commands.Push.Step("Build and push the commit's images"), commands.Deploy(environment).Step(), commands.Smoke(environment).Step()])
        {
            If = $"github.event_name == 'push' && github.ref == 'refs/heads/{branch}'",
            Environment = environment,
            Env = WithSecrets(RegistryVariables.ToDictionary(variable => variable, variable => $"${{{{ vars.{variable} }}}}")),
        };

    /// <summary>The kind cluster's name and node layout: two workers, as the cells' required anti-affinity needs.</summary>
    public const string KindCluster = "alphapulse";
    public const string KindConfig = "deploy/kind/cluster.yaml";
    public const string KindTagVariable = "KIND_IMAGE_TAG";

    /// <summary>
    /// Deploy, Smoke and Rollback against a real API server: a kind cluster made on the runner (no secrets:
    /// the cluster is thrown away). Images are built from the SDK stage and loaded into the nodes, so no
    /// registry is involved; the second revision is the same images under a second tag.
    /// </summary>
    private static WorkflowJob KindJob(KindCommands kind)
    {
        var second = $"\"${KindTagVariable}-b\"";
        string Images(string tag) => $"alphapulse/collector:{tag} alphapulse/websocket-server:{tag}";
        return new WorkflowJob("kind", "Deploy, Smoke and Rollback on a kind cluster",
        [
            .. Setup,
            new ActionStep("Create a kind cluster", "helm/kind-action@v1", new Dictionary<string, string> { ["cluster_name"] = KindCluster, ["config"] = KindConfig }),
            kind.Images.Step("ImageBuild"),
            new ShellStep("Tag a second revision and load both into kind",
                $"for image in collector websocket-server; do docker tag \"alphapulse/$image:${KindTagVariable}\" \"alphapulse/$image:${KindTagVariable}-b\"; done && kind load docker-image --name {KindCluster} {Images($"\"${KindTagVariable}\"")} {Images(second)}"),
            kind.Deploy($"\"${KindTagVariable}\"").Step("Deploy the first revision"),
            kind.Deploy(second).Step("Deploy the second revision"),
            kind.Smoke.Step(),
            kind.Rollback.Step(),
            kind.Smoke.Step("Smoke after the rollback"),
        ])
        {
            If = "github.event_name == 'push'",
            TimeoutMinutes = 45,
            Env = new Dictionary<string, string> { [KindTagVariable] = "${{ github.sha }}" },
        };
    }

    /// <summary>
    /// DeliveryTest with WebSocket authentication on under a token made for this run (not a secret: the stack is
    /// thrown away), then a search of every file the run wrote for that token, as <c>.ci/run</c> does.
    /// </summary>
    private static WorkflowJob DeliveryJob(BuildCommand delivery) => BuildJob("delivery", "DeliveryTest (the delivery path on the Docker engine)",
        new ShellStep("Make a WebSocket token for this run", $"echo \"{WebSocketTokensVariable}=ci-$(openssl rand -hex 18)\" >> \"$GITHUB_ENV\""),
        delivery.Step() with { AsRoot = true, Env = new Dictionary<string, string> { ["IMAGE_SOURCE"] = "sdk" } },
        new ShellStep("No file of the run contains its WebSocket token",
            $"if sudo grep -rlF --exclude=websocket-tokens --exclude='*.tar.gz' -- \"${WebSocketTokensVariable}\" artifacts; then echo 'the files above contain the WebSocket token of this run (secrets must never be printed or written outside the tokens file)'; exit 1; fi")
        {
            If = "always()",
        },
        Upload("delivery-results", "artifacts/bench/delivery.json")) with
    {
        TimeoutMinutes = 45,
    };

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
