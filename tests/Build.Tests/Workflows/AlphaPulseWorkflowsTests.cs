using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Workflows;

namespace AlphaPulse.Build.Tests.Workflows;

public class AlphaPulseWorkflowsTests
{
    private static IReadOnlyList<Workflow> All => global::Build.Workflows;

    private static Workflow Named(string name) => Assert.Single(All, workflow => workflow.Name == name);

    private static WorkflowJob Job(Workflow workflow, string id) => Assert.Single(workflow.Jobs, job => job.Id == id);

    private static IEnumerable<string> Commands(WorkflowJob job) => job.Steps.OfType<BuildStep>().Select(step => step.Command);

    [Fact]
    public void ShouldRunTestAuditQuickBenchABoundedUpCoresMutationRunAndTheDeliveryPathOnPushAndPullRequest()
    {
        var ci = Named("ci");

        Assert.Equal(["main", "develop"], ci.On.PushBranches);
        Assert.Equal(["main", "develop"], ci.On.PullRequestBranches);
        Assert.Null(ci.On.Dispatch);
        Assert.Equal(["./build.sh Test"], Commands(Job(ci, "test")));
        Assert.Equal(["./build.sh Audit"], Commands(Job(ci, "audit")));
        Assert.Equal(["./build.sh Bench --quick --trace-scheduler --profile shared-vm"], Commands(Job(ci, "bench")));
        Assert.Equal(["./build.sh Up --up-for 30s --monitoring"], Commands(Job(ci, "up")));
        Assert.Equal(["./build.sh DeliveryTest"], Commands(Job(ci, "delivery")));
        Assert.Equal(["./build.sh Mutate --mutate-project core"], Commands(Job(ci, "mutate")));
        Assert.Equal(45, Job(ci, "mutate").TimeoutMinutes);
    }

    [Fact]
    public void ShouldRunDeliveryTestAsRootFromTheSdkStageUnderATokenNoArtifactMayContain()
    {
        var delivery = Job(Named("ci"), "delivery");

        var step = Assert.Single(delivery.Steps.OfType<BuildStep>());
        Assert.True(step.AsRoot);
        Assert.Equal("sdk", step.Env["IMAGE_SOURCE"]);
        var shells = delivery.Steps.OfType<ShellStep>().ToList();
        Assert.Equal(2, shells.Count);
        Assert.True(delivery.Steps.ToList().IndexOf(shells[0]) < delivery.Steps.ToList().IndexOf(step));
        Assert.Contains($">> \"$GITHUB_ENV\"", shells[0].Script, StringComparison.Ordinal);
        Assert.StartsWith($"echo \"{AlphaPulseWorkflows.WebSocketTokensVariable}=", shells[0].Script, StringComparison.Ordinal);
        Assert.Contains($"grep -rlF --exclude=websocket-tokens --exclude='*.tar.gz' -- \"${AlphaPulseWorkflows.WebSocketTokensVariable}\" artifacts", shells[1].Script, StringComparison.Ordinal);
        Assert.Equal("always()", shells[1].If);
        Assert.Equal(45, delivery.TimeoutMinutes);
    }

    [Fact]
    public void ShouldSetTheTokensInAVariableTheBuildReadsAsItsWebSocketTokensParameter()
    {
        var parameter = Assert.Single(ParameterMember.Discover(typeof(global::Build)), member => member.Name == "WebSocketTokens");

        Assert.Contains(AlphaPulseWorkflows.WebSocketTokensVariable, ParameterResolver.EnvironmentNames(parameter));
        Assert.Contains($"{AlphaPulseWorkflows.WebSocketTokensVariable}=\"$token\" run_logged", File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), ".ci", "run")), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRetryOnlyTheBenchOnceToTellNoiseFromARegression()
    {
        var steps = Named("ci").Jobs.SelectMany(job => job.Steps.OfType<BuildStep>()).ToList();

        var bench = Assert.Single(steps, step => step.RetryOnce);
        Assert.Equal("./build.sh Bench --quick --trace-scheduler --profile shared-vm || { echo 'failed once; running it again to tell noise from a regression'; ./build.sh Bench --quick --trace-scheduler --profile shared-vm; }", bench.Script);
    }

    [Fact]
    public void ShouldGenerateTheCiAndTheDeploymentWorkflows() =>
        Assert.Equal(["ci", "deploy"], global::Build.Workflows.Select(workflow => workflow.Name));

    [Fact]
    public void ShouldDeployTwoRevisionsSmokeAndRollBackOnAKindClusterWithoutSecrets()
    {
        var kind = Job(Named("deploy"), "kind");

        var cluster = Assert.Single(kind.Steps.OfType<ActionStep>());
        Assert.Equal("helm/kind-action@v1", cluster.Uses);
        Assert.Equal("deploy/kind/cluster.yaml", cluster.With["config"]);
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot(), cluster.With["config"])));
        Assert.Equal(
            [
                "./build.sh ImageBuild --image-source sdk --image-tag \"$KIND_IMAGE_TAG\"",
                "./build.sh Deploy --env staging --image-tag \"$KIND_IMAGE_TAG\"",
                "./build.sh Deploy --env staging --image-tag \"$KIND_IMAGE_TAG-b\"",
                "./build.sh Smoke --env staging",
                "./build.sh Rollback --env staging",
                "./build.sh Smoke --env staging",
            ],
            Commands(kind));
        Assert.Contains("kind load docker-image --name alphapulse", Assert.Single(kind.Steps.OfType<ShellStep>()).Script, StringComparison.Ordinal);
        Assert.DoesNotContain(kind.Env.Keys, AlphaPulseWorkflows.DeploymentSecrets.Contains);
        Assert.Equal("${{ github.sha }}", kind.Env["KIND_IMAGE_TAG"]);
    }

    [Fact]
    public void ShouldUploadWhatEachCiTargetProducesEvenWhenItFails()
    {
        var ci = Named("ci");

        Assert.Equal(
            [("test", "artifacts/test-results"), ("audit", "artifacts/audit"), ("bench", "artifacts/bench"), ("up", "artifacts/up"), ("mutate", "artifacts/mutation"), ("delivery", "artifacts/bench/delivery.json")],
            ci.Jobs.Select(job => (job.Id, Assert.Single(job.Steps.OfType<UploadArtifactStep>()).Paths.Single())));
        Assert.All(ci.Jobs.SelectMany(job => job.Steps.OfType<UploadArtifactStep>()), upload => Assert.Equal("always()", upload.If));
    }

    [Fact]
    public void ShouldBuildPushAndDeployDevelopToStagingAndMainToProductionEachFollowedBySmoke()
    {
        var deploy = Named("deploy");
        var staging = Job(deploy, "deploy-staging");
        var production = Job(deploy, "deploy-production");

        Assert.Equal(["develop", "main"], deploy.On.PushBranches);
        const string Push = "./build.sh Push --image-source sdk --registry \"$REGISTRY\" --registry-username \"$REGISTRY_USERNAME\"";
        Assert.Equal([Push, "./build.sh Deploy --env staging --registry \"$REGISTRY\"", "./build.sh Smoke --env staging"], Commands(staging));
        Assert.Equal("github.event_name == 'push' && github.ref == 'refs/heads/develop'", staging.If);
        Assert.Equal("staging", staging.Environment);
        Assert.Equal([Push, "./build.sh Deploy --env production --registry \"$REGISTRY\"", "./build.sh Smoke --env production"], Commands(production));
        Assert.All([staging, production], job => Assert.Equal(("${{ vars.REGISTRY }}", "${{ vars.REGISTRY_USERNAME }}"), (job.Env["REGISTRY"], job.Env["REGISTRY_USERNAME"])));
        Assert.Equal("github.event_name == 'push' && github.ref == 'refs/heads/main'", production.If);
        Assert.Equal("production", production.Environment);
        Assert.Equal("deploy", deploy.ConcurrencyGroup);
    }

    [Fact]
    public void ShouldRollBackManuallyToARequiredRevisionPassedThroughTheEnvironment()
    {
        var deploy = Named("deploy");
        var rollback = Job(deploy, "rollback");

        var revision = Assert.Single(deploy.On.Dispatch!, input => input.Name == "revision");
        Assert.True(revision.Required);
        var environment = Assert.Single(deploy.On.Dispatch!, input => input.Name == "environment");
        Assert.Equal(["staging", "production"], environment.Options);
        Assert.Null(environment.Default);
        Assert.Equal("github.event_name == 'workflow_dispatch'", rollback.If);
        Assert.Equal(["./build.sh Rollback --env \"$ROLLBACK_ENV\" --revision \"$ROLLBACK_REVISION\""], Commands(rollback));
        Assert.Equal("${{ inputs.revision }}", rollback.Env["ROLLBACK_REVISION"]);
        Assert.Equal("${{ inputs.environment }}", rollback.Env["ROLLBACK_ENV"]);
        Assert.DoesNotContain(rollback.Steps.OfType<BuildStep>(), step => step.Command.Contains("${{", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldPassDeploymentSecretsAsEnvironmentVariablesOnlyToDeploymentJobs()
    {
        foreach (var job in Named("deploy").Jobs.Where(job => job.Id != "kind"))
        {
            Assert.All(AlphaPulseWorkflows.DeploymentSecrets, secret => Assert.Equal($"${{{{ secrets.{secret} }}}}", job.Env[secret]));
        }
        Assert.DoesNotContain(Named("ci").Jobs, job => job.Env.Keys.Any(AlphaPulseWorkflows.DeploymentSecrets.Contains));
    }

    [Fact]
    public void ShouldCheckOutAndCacheNuGetAndNukeTempBeforeEveryBuildCall()
    {
        foreach (var job in All.SelectMany(workflow => workflow.Jobs))
        {
            Assert.IsType<CheckoutStep>(job.Steps[0]);
            var cache = Assert.IsType<CacheStep>(job.Steps[1]);
            Assert.Equal(["~/.nuget/packages", ".nuke/temp"], cache.Paths);
            Assert.Equal("${{ runner.os }}-build-${{ hashFiles('**/*.csproj', 'Directory.Packages.props', 'global.json') }}", cache.Key);
            Assert.NotEmpty(job.Steps.OfType<BuildStep>());
            Assert.All(job.Steps.OfType<BuildStep>(), step => Assert.StartsWith("./build.sh ", step.Command, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ShouldRenderEveryWorkflowWithReadOnlyTokenAndTheGeneratedHeader()
    {
        foreach (var workflow in All)
        {
            var yaml = WorkflowYaml.Render(workflow);

            Assert.StartsWith(WorkflowYaml.Header, yaml, StringComparison.Ordinal);
            Assert.Contains("permissions:\n  contents: read\n", yaml, StringComparison.Ordinal);
            Assert.DoesNotContain("\t", yaml, StringComparison.Ordinal);
        }
    }
}
